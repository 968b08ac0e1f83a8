package io.orca.kube;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether an object is ready, from its status as the API server reports it (in the spirit of kstatus): Deployments
 * and StatefulSets with every replica updated and available, DaemonSets scheduled and ready, Jobs complete, Pods
 * ready, claims bound, Flux objects with {@code Ready=True}. Pure: the same object gives the same answer.
 */
public final class Readiness {
    private Readiness() {
    }

    public enum State { READY, PROGRESSING, FAILED }

    public record Status(State state, String message) {
        public boolean ready() {
            return state == State.READY;
        }

        public boolean failed() {
            return state == State.FAILED;
        }

        static Status ready(String message) {
            return new Status(State.READY, message);
        }

        static Status progressing(String message) {
            return new Status(State.PROGRESSING, message);
        }

        static Status failed(String message) {
            return new Status(State.FAILED, message);
        }
    }

    /** Waiting reasons of a container that will not get better by waiting. */
    private static final List<String> STUCK = List.of("CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull",
            "InvalidImageName", "CreateContainerConfigError", "CreateContainerError");

    public static Status of(Map<String, Object> object) {
        String kind = String.valueOf(object.get("kind"));
        Map<String, Object> status = map(object, "status");
        if (!current(object, status)) return Status.progressing("the controller has not seen its latest spec yet");
        return switch (kind) {
            case "Deployment" -> deployment(object, status);
            case "StatefulSet" -> statefulSet(object, status);
            case "DaemonSet" -> daemonSet(status);
            case "Job" -> job(status);
            case "Pod" -> pod(status);
            case "PersistentVolumeClaim" -> "Bound".equals(status.get("phase")) ? Status.ready("Bound")
                    : Status.progressing("claim " + status.getOrDefault("phase", "Pending"));
            default -> conditions(status).isEmpty() ? Status.ready("exists") : fluxLike(status);
        };
    }

    private static boolean current(Map<String, Object> object, Map<String, Object> status) {
        Object generation = map(object, "metadata").get("generation");
        Object observed = status.get("observedGeneration");
        return !(generation instanceof Number g) || !(observed instanceof Number o) || o.longValue() >= g.longValue();
    }

    private static Status deployment(Map<String, Object> object, Map<String, Object> status) {
        long want = number(map(object, "spec").get("replicas"), 1);
        for (Map<String, Object> c : conditions(status)) {
            if ("Progressing".equals(c.get("type")) && "ProgressDeadlineExceeded".equals(c.get("reason"))) {
                return Status.failed("progress deadline exceeded: " + c.getOrDefault("message", ""));
            }
        }
        long updated = number(status.get("updatedReplicas"), 0);
        long available = number(status.get("availableReplicas"), 0);
        long total = number(status.get("replicas"), 0);
        if (updated >= want && available >= want && total <= want) return Status.ready(available + "/" + want + " available");
        return Status.progressing(available + "/" + want + " available, " + updated + " updated");
    }

    private static Status statefulSet(Map<String, Object> object, Map<String, Object> status) {
        long want = number(map(object, "spec").get("replicas"), 1);
        long ready = number(status.get("readyReplicas"), 0);
        long updated = number(status.get("updatedReplicas"), 0);
        Object current = status.get("currentRevision");
        Object update = status.get("updateRevision");
        boolean rolledOut = update == null || update.equals(current) || updated >= want;
        if (ready >= want && rolledOut) return Status.ready(ready + "/" + want + " ready");
        return Status.progressing(ready + "/" + want + " ready" + (rolledOut ? "" : ", rolling out " + update));
    }

    private static Status daemonSet(Map<String, Object> status) {
        long want = number(status.get("desiredNumberScheduled"), 0);
        long ready = number(status.get("numberReady"), 0);
        long updated = number(status.get("updatedNumberScheduled"), 0);
        return ready >= want && updated >= want ? Status.ready(ready + "/" + want + " ready")
                : Status.progressing(ready + "/" + want + " ready");
    }

    private static Status job(Map<String, Object> status) {
        for (Map<String, Object> c : conditions(status)) {
            if ("True".equals(c.get("status")) && "Complete".equals(c.get("type"))) return Status.ready("complete");
            if ("True".equals(c.get("status")) && "Failed".equals(c.get("type"))) {
                return Status.failed("failed: " + c.getOrDefault("reason", "") + " " + c.getOrDefault("message", ""));
            }
        }
        return Status.progressing(number(status.get("active"), 0) + " active, " + number(status.get("failed"), 0) + " failed");
    }

    @SuppressWarnings("unchecked")
    private static Status pod(Map<String, Object> status) {
        if ("Failed".equals(status.get("phase"))) return Status.failed("Pod failed: " + status.getOrDefault("reason", ""));
        if ("Succeeded".equals(status.get("phase"))) return Status.ready("completed");
        if (status.get("containerStatuses") instanceof List<?> containers) {
            for (Object o : containers) {
                if (!(o instanceof Map<?, ?> cs)) continue;
                Map<String, Object> waiting = map(map((Map<String, Object>) cs, "state"), "waiting");
                if (STUCK.contains(String.valueOf(waiting.get("reason")))) {
                    return Status.failed("container " + cs.get("name") + ": " + waiting.get("reason") + " "
                            + waiting.getOrDefault("message", ""));
                }
            }
        }
        return condition(status, "Ready").filter(c -> "True".equals(c.get("status"))).isPresent() ? Status.ready("ready")
                : Status.progressing("Pod " + status.getOrDefault("phase", "Pending"));
    }

    /** Flux's objects (and any kind with a Ready condition): Ready=True, or why not. */
    private static Status fluxLike(Map<String, Object> status) {
        Optional<Map<String, Object>> ready = condition(status, "Ready");
        if (ready.isEmpty()) return Status.ready("exists");
        Map<String, Object> c = ready.get();
        String reason = String.valueOf(c.getOrDefault("reason", ""));
        String message = reason + ": " + c.getOrDefault("message", "");
        if ("True".equals(c.get("status"))) return Status.ready(message);
        if ("Unknown".equals(c.get("status")) || reason.equals("Progressing") || reason.equals("DependencyNotReady")
                || condition(status, "Reconciling").filter(r -> "True".equals(r.get("status"))).isPresent()) {
            return Status.progressing(message);
        }
        return Status.failed(message);
    }

    public static Optional<Map<String, Object>> condition(Map<String, Object> status, String type) {
        return conditions(status).stream().filter(c -> type.equals(c.get("type"))).findFirst();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> conditions(Map<String, Object> status) {
        if (!(status.get("conditions") instanceof List<?> l)) return List.of();
        return l.stream().filter(Map.class::isInstance).map(o -> (Map<String, Object>) o).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> m, String key) {
        return m != null && m.get(key) instanceof Map<?, ?> v ? (Map<String, Object>) v : Map.of();
    }

    private static long number(Object o, long fallback) {
        return o instanceof Number n ? n.longValue() : fallback;
    }
}
