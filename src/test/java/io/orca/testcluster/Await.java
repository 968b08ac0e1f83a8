package io.orca.testcluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polling helpers for asserting on what controllers do. */
public final class Await {
    private Await() {
    }

    /** Polls {@code probe} until {@code done} holds; fails with {@code what} and the last value seen. */
    public static <T> T until(Duration timeout, String what, Supplier<T> probe, Predicate<T> done) {
        long end = System.nanoTime() + timeout.toNanos();
        T last = null;
        RuntimeException error = null;
        while (true) {
            try {
                last = probe.get();
                error = null;
                if (done.test(last)) return last;
            } catch (RuntimeException e) {
                error = e;
            }
            if (System.nanoTime() > end) {
                AssertionError failure = new AssertionError("timed out after " + timeout + " waiting for " + what
                        + "; last seen: " + describe(last));
                if (error != null) failure.addSuppressed(error);
                throw failure;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** A Flux (or any kstatus-style) object: waits for Ready=True at its current generation and returns it. */
    public static GenericKubernetesResource ready(KubernetesClient client, String apiVersion, String kind,
                                                  String namespace, String name, Duration timeout) {
        return until(timeout, kind + " " + namespace + "/" + name + " Ready",
                () -> client.genericKubernetesResources(apiVersion, kind).inNamespace(namespace).withName(name).get(),
                r -> r != null && isReady(r));
    }

    public static boolean isReady(GenericKubernetesResource r) {
        Map<String, Object> status = status(r);
        Object observed = status.get("observedGeneration");
        if (observed == null || ((Number) observed).longValue() != r.getMetadata().getGeneration()) return false;
        return "True".equals(condition(r, "Ready").get("status"));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> status(GenericKubernetesResource r) {
        Object status = r.getAdditionalProperties().get("status");
        return status instanceof Map ? (Map<String, Object>) status : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> condition(GenericKubernetesResource r, String type) {
        Object conditions = status(r).get("conditions");
        if (conditions instanceof List<?> list) {
            for (Object c : list) {
                if (c instanceof Map<?, ?> m && type.equals(m.get("type"))) return (Map<String, Object>) m;
            }
        }
        return Map.of();
    }

    private static String describe(Object last) {
        if (last instanceof GenericKubernetesResource r) {
            return r.getKind() + " " + r.getMetadata().getName() + " generation=" + r.getMetadata().getGeneration()
                    + " status=" + status(r);
        }
        return Objects.toString(last);
    }
}
