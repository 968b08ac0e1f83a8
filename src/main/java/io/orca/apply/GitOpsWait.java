package io.orca.apply;

import io.orca.kube.KubeException;
import io.orca.kube.Kubernetes;
import io.orca.kube.ObjectRef;
import io.orca.kube.Readiness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Follows one organization's GitOps delivery of a commit (decision 0029, {@code orca rollback --wait}): the sync
 * GitRepository's artifact and the Kustomization's applied revision are that commit, and every HelmRelease of it is
 * Ready at its current generation — or one of them failed. {@code orca status} shows the same objects; this adds the
 * revision compare and the generation check that a wait needs (a HelmRelease still Ready from before the commit is
 * not yet the commit's). Reads only.
 */
public final class GitOpsWait {
    /** Ready=False reasons after which Flux does not get there by itself without a change. */
    private static final Set<String> FAILED = Set.of("InstallFailed", "UpgradeFailed", "RollbackFailed", "UninstallFailed",
            "TestFailed", "RetriesExceeded", "ArtifactFailed", "InitFailed", "BuildFailed", "HealthCheckFailed",
            "ReconciliationFailed", "ValidationFailed", "PruneFailed", "DecryptionFailed");

    /** Where the wait stands: done (ready, or failed with why), or still waiting for {@code pending}. */
    public record State(boolean ready, String failure, List<String> pending) {
        public boolean done() {
            return ready || failure != null;
        }
    }

    private GitOpsWait() {
    }

    /**
     * One look at the cluster.
     *
     * @param fluxNamespace where the sync GitRepository and Kustomization live (named as the namespace, {@code flux-<env>})
     * @param commit        the full commit id the organization's repository branch should be delivered at
     * @param releases      the HelmReleases (namespace, name) of that commit for this organization
     */
    public static State check(Kubernetes kube, String fluxNamespace, String commit, List<String[]> releases) {
        List<String> pending = new ArrayList<>();
        try {
            Map<String, Object> source = kube.get(new ObjectRef(StatusReader.FLUX_SOURCE_API, "GitRepository", fluxNamespace, fluxNamespace)).orElse(null);
            if (source == null) return new State(false, "GitRepository " + fluxNamespace + "/" + fluxNamespace
                    + " not found: Flux does not sync this organization's repository (orca bootstrap, docs/publish.md)", List.of());
            String artifact = artifactRevision(source);
            if (!atCommit(artifact, commit)) pending.add("GitRepository " + fluxNamespace + " at " + (artifact == null ? "no revision" : artifact));
            Map<String, Object> sync = kube.get(new ObjectRef(StatusReader.FLUX_KUSTOMIZE_API, "Kustomization", fluxNamespace, fluxNamespace)).orElse(null);
            if (sync == null) return new State(false, "Kustomization " + fluxNamespace + "/" + fluxNamespace + " not found", List.of());
            Map<String, Object> st = status(sync);
            String applied = st.get("lastAppliedRevision") == null ? null : String.valueOf(st.get("lastAppliedRevision"));
            String attempted = st.get("lastAttemptedRevision") == null ? null : String.valueOf(st.get("lastAttemptedRevision"));
            Optional<Map<String, Object>> kReady = Readiness.condition(st, "Ready");
            if (atCommit(attempted, commit) && kReady.isPresent() && "False".equals(kReady.get().get("status"))
                    && FAILED.contains(String.valueOf(kReady.get().get("reason")))) {
                return new State(false, "Kustomization " + fluxNamespace + ": " + kReady.get().get("reason") + ": " + kReady.get().get("message"), List.of());
            }
            if (!atCommit(applied, commit)) {
                pending.add("Kustomization " + fluxNamespace + " at " + (applied == null ? "no revision" : applied));
                return new State(false, null, pending);
            }
            for (String[] r : releases) {
                Map<String, Object> hr = kube.get(new ObjectRef(StatusReader.FLUX_HELM_API, "HelmRelease", r[0], r[1])).orElse(null);
                if (hr == null) {
                    pending.add("HelmRelease " + r[0] + "/" + r[1] + " not found");
                    continue;
                }
                Map<String, Object> hs = status(hr);
                boolean current = number(hs.get("observedGeneration")) >= number(meta(hr).get("generation"));
                Optional<Map<String, Object>> ready = Readiness.condition(hs, "Ready");
                Optional<Map<String, Object>> stalled = Readiness.condition(hs, "Stalled");
                String reason = ready.map(c -> String.valueOf(c.get("reason"))).orElse("");
                if (current && stalled.isPresent() && "True".equals(stalled.get().get("status"))) {
                    return new State(false, "HelmRelease " + r[0] + "/" + r[1] + " stalled: " + stalled.get().get("message"), List.of());
                }
                if (current && ready.isPresent() && "False".equals(ready.get().get("status")) && FAILED.contains(reason)) {
                    return new State(false, "HelmRelease " + r[0] + "/" + r[1] + ": " + reason + ": " + ready.get().get("message"), List.of());
                }
                if (!current || ready.isEmpty() || !"True".equals(ready.get().get("status"))) {
                    pending.add("HelmRelease " + r[0] + "/" + r[1] + (ready.isEmpty() ? " not reconciled yet" : " " + reason));
                }
            }
        } catch (KubeException e) {
            return new State(false, "cluster unreachable: " + e.getMessage(), List.of());
        }
        return new State(pending.isEmpty(), null, pending);
    }

    /** Polls {@link #check} until done or {@code timeout}; a timeout is a failure naming what was still pending. */
    public static State await(Kubernetes kube, String fluxNamespace, String commit, List<String[]> releases, Duration timeout,
                              Duration every) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            State s = check(kube, fluxNamespace, commit, releases);
            if (s.done()) return s;
            if (System.nanoTime() >= deadline) {
                return new State(false, "not Ready after " + timeout.toSeconds() + "s: " + String.join("; ", s.pending()), s.pending());
            }
            Thread.sleep(every.toMillis());
        }
    }

    /** Flux writes revisions as {@code <branch>@sha1:<id>} (older: {@code <branch>/<id>}). */
    static boolean atCommit(String revision, String commit) {
        return revision != null && (revision.endsWith(":" + commit) || revision.endsWith("/" + commit) || revision.equals(commit));
    }

    @SuppressWarnings("unchecked")
    private static String artifactRevision(Map<String, Object> obj) {
        return status(obj).get("artifact") instanceof Map<?, ?> a && a.get("revision") != null ? String.valueOf(a.get("revision")) : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> status(Map<String, Object> obj) {
        return obj.get("status") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> meta(Map<String, Object> obj) {
        return obj.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static long number(Object o) {
        if (o instanceof Number n) return n.longValue();
        try {
            return o == null ? 0 : Long.parseLong(String.valueOf(o));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
