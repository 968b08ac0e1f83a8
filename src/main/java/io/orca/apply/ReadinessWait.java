package io.orca.apply;

import io.orca.kube.KubeEvent;
import io.orca.kube.Kubernetes;
import io.orca.kube.ObjectRef;
import io.orca.kube.Readiness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Waits until a release's workloads are ready, judged by {@link Readiness} from their status as the API server reports
 * it. A workload that cannot get better (a failed Job, a Pod in CrashLoopBackOff) fails at once; otherwise the wait
 * fails after the timeout. A failure names the workloads that are not ready and the release's warning events.
 */
final class ReadinessWait {
    /** How the wait ended. */
    record Result(boolean ready, boolean cancelled, String reason) {
    }

    private ReadinessWait() {
    }

    static Result await(Kubernetes kube, String namespace, String release, List<ObjectRef> workloads, Duration timeout,
                        long pollMillis, Cancellation cancel) {
        return await(kube, namespace, release, workloads, timeout, pollMillis, cancel, false);
    }

    /**
     * @param replaceStuck the release's spec was just changed by Orca: a StatefulSet Pod left at an older revision and
     *                     not Ready is deleted so that its controller recreates it at the new one (Kubernetes does not:
     *                     "after reverting the template, you must also delete any Pods that StatefulSet had already
     *                     attempted to run with the bad configuration" — without it, --atomic and a repairing apply
     *                     would wait for ever)
     */
    static Result await(Kubernetes kube, String namespace, String release, List<ObjectRef> workloads, Duration timeout,
                        long pollMillis, Cancellation cancel, boolean replaceStuck) {
        long end = System.nanoTime() + timeout.toNanos();
        List<String> waiting = List.of();
        while (true) {
            List<String> notReady = new ArrayList<>();
            for (ObjectRef ref : workloads) {
                Optional<Map<String, Object>> o = kube.get(ref);
                if (replaceStuck && o.isPresent() && ref.kind().equals("StatefulSet")) replaceStuck(kube, o.get());
                Readiness.Status s = o.map(Readiness::of).orElse(null);
                if (s == null) {
                    notReady.add(ref.kind() + " " + ref.name() + ": not found");
                } else if (s.failed()) {
                    return new Result(false, false, ref.kind() + " " + ref.name() + ": " + s.message() + events(kube, namespace, release));
                } else if (!s.ready()) {
                    notReady.add(ref.kind() + " " + ref.name() + ": " + s.message());
                }
            }
            if (notReady.isEmpty()) return new Result(true, false, "");
            waiting = notReady;
            if (System.nanoTime() > end) {
                return new Result(false, false, "not ready after " + human(timeout) + ": " + String.join("; ", waiting)
                        + events(kube, namespace, release));
            }
            if (!cancel.sleep(pollMillis)) return new Result(false, true, "interrupted while waiting: " + String.join("; ", waiting));
        }
    }

    /** Deletes the StatefulSet's Pods that are not Ready and not at its update revision, once it has seen its spec. */
    @SuppressWarnings("unchecked")
    static void replaceStuck(Kubernetes kube, Map<String, Object> set) {
        Map<String, Object> meta = Labels.metadata(set);
        Map<String, Object> status = set.get("status") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Object update = status.get("updateRevision");
        if (update == null || !(meta.get("generation") instanceof Number g) || !(status.get("observedGeneration") instanceof Number og)
                || og.longValue() < g.longValue()) {
            return;
        }
        String name = String.valueOf(meta.get("name"));
        for (Map<String, Object> pod : kube.list("v1", "Pod", String.valueOf(meta.get("namespace")), Map.of())) {
            if (!DestroyEngine.ownedByAny(pod, List.of(name)) || Readiness.of(pod).ready()) continue;
            String hash = Labels.label(pod, "controller-revision-hash");
            if (hash != null && !hash.equals(String.valueOf(update)) && Labels.metadata(pod).get("deletionTimestamp") == null) {
                kube.delete(ObjectRef.of(pod));
            }
        }
    }

    /** The release's latest warning events (what a failing Pod or Job says for itself), at most five. */
    static String events(Kubernetes kube, String namespace, String release) {
        try {
            List<KubeEvent> warnings = kube.events(namespace, release).stream().filter(KubeEvent::warning).toList();
            if (warnings.isEmpty()) return "";
            List<KubeEvent> last = warnings.subList(Math.max(0, warnings.size() - 5), warnings.size());
            StringBuilder b = new StringBuilder("; events:");
            for (KubeEvent e : last) b.append("\n    ").append(e);
            return b.toString();
        } catch (RuntimeException e) {
            return "";
        }
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 60 && s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
