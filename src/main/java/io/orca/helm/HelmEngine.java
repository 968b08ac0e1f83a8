package io.orca.helm;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Helm seam: everything Orca asks of Helm, as one interface. {@link HelmJavaEngine} runs Helm's own engine
 * in-process (helm-java); unit tests use a strict fake. Every method may be called from several threads at once.
 * Failures are {@link HelmException}s naming the operation, the release and Helm's reason.
 */
public interface HelmEngine {
    /** {@code helm template}: the chart rendered with the values, no cluster involved. */
    String template(TemplateRequest request);

    /**
     * {@code helm upgrade --install}: installs the release when it does not exist, else upgrades it to the chart and
     * values given (never reusing earlier values). Never creates the namespace. With {@code waitReady}, returns once
     * the release's workloads are ready or fails after the timeout.
     */
    ReleaseStatus upgrade(ReleaseRequest request, UpgradeOptions options);

    /**
     * {@code helm rollback}: a new revision with the chart and values of {@code revision}. Fails when the release or
     * that revision does not exist.
     */
    ReleaseStatus rollback(KubeTarget target, ReleaseRef release, int revision, UpgradeOptions options);

    /**
     * {@code helm uninstall}: deletes the release's objects and its history. Does NOT wait for them to be gone (Pods
     * terminate after this returns): a caller that needs them gone waits through the Kubernetes API.
     *
     * @return false when there was no such release (nothing done)
     */
    boolean uninstall(KubeTarget target, ReleaseRef release);

    /** {@code helm status}: the latest revision, or empty when there is no such release. */
    Optional<ReleaseStatus> status(KubeTarget target, ReleaseRef release);

    /** {@code helm history}: every revision Helm keeps, oldest first; empty when there is no such release. */
    List<ReleaseRevision> history(KubeTarget target, ReleaseRef release);

    /** {@code helm get values} and {@code helm get manifest} of a revision (the latest when empty). */
    ReleaseContent get(KubeTarget target, ReleaseRef release, OptionalInt revision);

    /** {@code helm list --all}: the releases in a namespace (all namespaces when null), in every state. */
    List<ReleaseStatus> list(KubeTarget target, String namespace);
}
