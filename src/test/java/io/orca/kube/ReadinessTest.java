package io.orca.kube;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Readiness as Orca's apply and status judge it, kind by kind. */
class ReadinessTest {
    private static Map<String, Object> object(String kind, Map<String, Object> spec, Map<String, Object> status) {
        return Map.of("apiVersion", "v1", "kind", kind, "metadata", Map.of("name", "x", "generation", 2), "spec", spec,
                "status", status);
    }

    @Test
    void deploymentIsReadyWhenEveryReplicaIsUpdatedAndAvailable() {
        assertEquals(Readiness.State.READY, Readiness.of(object("Deployment", Map.of("replicas", 2),
                Map.of("observedGeneration", 2, "replicas", 2, "updatedReplicas", 2, "availableReplicas", 2))).state());
        assertEquals(Readiness.State.PROGRESSING, Readiness.of(object("Deployment", Map.of("replicas", 2),
                Map.of("observedGeneration", 2, "replicas", 3, "updatedReplicas", 2, "availableReplicas", 2))).state(),
                "an old replica is still there");
        assertEquals(Readiness.State.PROGRESSING, Readiness.of(object("Deployment", Map.of("replicas", 2),
                Map.of("observedGeneration", 1, "replicas", 2, "updatedReplicas", 2, "availableReplicas", 2))).state(),
                "the controller has not seen generation 2");
        assertEquals(Readiness.State.FAILED, Readiness.of(object("Deployment", Map.of("replicas", 1),
                Map.of("observedGeneration", 2, "conditions", List.of(Map.of("type", "Progressing", "status", "False",
                        "reason", "ProgressDeadlineExceeded"))))).state());
    }

    @Test
    void statefulSetIsReadyWhenRolledOutAndReady() {
        assertEquals(Readiness.State.READY, Readiness.of(object("StatefulSet", Map.of("replicas", 1),
                Map.of("observedGeneration", 2, "readyReplicas", 1, "currentRevision", "a", "updateRevision", "a"))).state());
        assertEquals(Readiness.State.PROGRESSING, Readiness.of(object("StatefulSet", Map.of("replicas", 1),
                Map.of("observedGeneration", 2, "readyReplicas", 1, "currentRevision", "a", "updateRevision", "b",
                        "updatedReplicas", 0))).state());
    }

    @Test
    void jobsPodsClaimsAndFluxObjects() {
        assertEquals(Readiness.State.READY, Readiness.of(object("Job", Map.of(),
                Map.of("conditions", List.of(Map.of("type", "Complete", "status", "True"))))).state());
        assertEquals(Readiness.State.FAILED, Readiness.of(object("Job", Map.of(),
                Map.of("conditions", List.of(Map.of("type", "Failed", "status", "True", "reason", "BackoffLimitExceeded"))))).state());
        assertEquals(Readiness.State.PROGRESSING, Readiness.of(object("Job", Map.of(), Map.of("active", 1))).state());
        assertEquals(Readiness.State.FAILED, Readiness.of(object("Pod", Map.of(), Map.of("phase", "Pending",
                "containerStatuses", List.of(Map.of("name", "c", "state", Map.of("waiting", Map.of("reason", "ImagePullBackOff"))))))).state());
        assertEquals(Readiness.State.READY, Readiness.of(object("PersistentVolumeClaim", Map.of(), Map.of("phase", "Bound"))).state());
        assertEquals(Readiness.State.READY, Readiness.of(object("HelmRelease", Map.of(), Map.of("observedGeneration", 2,
                "conditions", List.of(Map.of("type", "Ready", "status", "True", "reason", "InstallSucceeded"))))).state());
        Readiness.Status failed = Readiness.of(object("HelmRelease", Map.of(), Map.of("observedGeneration", 2,
                "conditions", List.of(Map.of("type", "Ready", "status", "False", "reason", "InstallFailed", "message", "boom")))));
        assertEquals(Readiness.State.FAILED, failed.state());
        assertEquals("InstallFailed: boom", failed.message());
        assertEquals(Readiness.State.PROGRESSING, Readiness.of(object("Kustomization", Map.of(), Map.of(
                "conditions", List.of(Map.of("type", "Ready", "status", "False", "reason", "DependencyNotReady"))))).state());
        assertEquals(Readiness.State.READY, Readiness.of(object("ConfigMap", Map.of(), Map.of())).state());
    }
}
