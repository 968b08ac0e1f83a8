package io.orca.apply;

import io.orca.kube.FakeKubernetes;
import io.orca.kube.KubeTarget;
import io.orca.kube.ObjectRef;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The states of {@code orca rollback --wait} that the cluster test does not reach on purpose: a HelmRelease still Ready
 * from before the commit, a terminal failure, a sync at another revision, a timeout. (The real Flux controllers:
 * RollbackOnClusterTest.)
 */
class GitOpsWaitTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final ObjectRef SOURCE = new ObjectRef(StatusReader.FLUX_SOURCE_API, "GitRepository", "flux-dev", "flux-dev");
    private static final ObjectRef SYNC = new ObjectRef(StatusReader.FLUX_KUSTOMIZE_API, "Kustomization", "flux-dev", "flux-dev");
    private static final ObjectRef RELEASE = new ObjectRef(StatusReader.FLUX_HELM_API, "HelmRelease", "alpha-bes", "alpha-network");

    private static FakeKubernetes cluster() {
        FakeKubernetes kube = new FakeKubernetes(new KubeTarget(Path.of("/nonexistent/kubeconfig"), "ctx"))
                .serve(StatusReader.FLUX_SOURCE_API, "GitRepository").serve(StatusReader.FLUX_KUSTOMIZE_API, "Kustomization")
                .serve(StatusReader.FLUX_HELM_API, "HelmRelease");
        for (ObjectRef r : List.of(SOURCE, SYNC, RELEASE)) {
            Map<String, Object> meta = new LinkedHashMap<>(Map.of("name", r.name(), "namespace", r.namespace(), "generation", 2));
            kube.apply(new LinkedHashMap<>(Map.of("apiVersion", r.apiVersion(), "kind", r.kind(), "metadata", meta)));
        }
        return kube;
    }

    private static Map<String, Object> ready(String status, String reason) {
        return Map.of("type", "Ready", "status", status, "reason", reason, "message", reason + " message");
    }

    private static void at(FakeKubernetes kube, String revision) {
        kube.setStatus(SOURCE, Map.of("artifact", Map.of("revision", "main@sha1:" + revision), "conditions", List.of(ready("True", "Succeeded"))));
        kube.setStatus(SYNC, Map.of("lastAppliedRevision", "main@sha1:" + revision, "lastAttemptedRevision", "main@sha1:" + revision,
                "conditions", List.of(ready("True", "ReconciliationSucceeded"))));
    }

    private static final List<String[]> RELEASES = List.<String[]>of(new String[]{"alpha-bes", "alpha-network"});

    @Test
    void readyOnlyWhenTheSyncIsAtTheCommitAndTheReleaseAtItsGeneration() {
        FakeKubernetes kube = cluster();
        at(kube, "ffff" + COMMIT.substring(4));
        kube.setStatus(RELEASE, Map.of("observedGeneration", 2, "conditions", List.of(ready("True", "UpgradeSucceeded"))));
        GitOpsWait.State other = GitOpsWait.check(kube, "flux-dev", COMMIT, RELEASES);
        assertFalse(other.done(), "the sync is at another commit");
        assertTrue(other.pending().get(0).startsWith("GitRepository flux-dev at main@sha1:ffff"), other.pending().toString());

        at(kube, COMMIT);
        kube.setStatus(RELEASE, Map.of("observedGeneration", 1, "conditions", List.of(ready("True", "UpgradeSucceeded"))));
        GitOpsWait.State stale = GitOpsWait.check(kube, "flux-dev", COMMIT, RELEASES);
        assertFalse(stale.done(), "Ready of the previous generation is not the commit's");

        kube.setStatus(RELEASE, Map.of("observedGeneration", 2, "conditions", List.of(ready("True", "UpgradeSucceeded"))));
        GitOpsWait.State done = GitOpsWait.check(kube, "flux-dev", COMMIT, RELEASES);
        assertTrue(done.ready(), done.toString());
        assertNull(done.failure());
    }

    @Test
    void aTerminalFailureEndsTheWaitAndATimeoutNamesWhatWasPending() throws Exception {
        FakeKubernetes kube = cluster();
        at(kube, COMMIT);
        kube.setStatus(RELEASE, Map.of("observedGeneration", 2, "conditions", List.of(ready("False", "UpgradeFailed"))));
        GitOpsWait.State failed = GitOpsWait.await(kube, "flux-dev", COMMIT, RELEASES, Duration.ofMinutes(1), Duration.ofMillis(10));
        assertEquals("HelmRelease alpha-bes/alpha-network: UpgradeFailed: UpgradeFailed message", failed.failure());

        kube.setStatus(RELEASE, Map.of("observedGeneration", 2, "conditions", List.of(ready("Unknown", "Progressing"))));
        GitOpsWait.State timedOut = GitOpsWait.await(kube, "flux-dev", COMMIT, RELEASES, Duration.ofMillis(50), Duration.ofMillis(10));
        assertTrue(timedOut.failure().startsWith("not Ready after 0s: HelmRelease alpha-bes/alpha-network Progressing"), timedOut.failure());

        kube.setStatus(SYNC, Map.of("lastAppliedRevision", "main@sha1:other", "lastAttemptedRevision", "main@sha1:" + COMMIT,
                "conditions", List.of(ready("False", "BuildFailed"))));
        assertEquals("Kustomization flux-dev: BuildFailed: BuildFailed message", GitOpsWait.check(kube, "flux-dev", COMMIT, RELEASES).failure());
    }
}
