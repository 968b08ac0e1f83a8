package io.orca.helm;

import java.util.Optional;

/**
 * Reads Helm's stored record of a release revision: helm-java 0.0.21 has no {@code get manifest}, so the manifest is
 * read where Helm keeps it, the Secret {@code sh.helm.release.v1.<name>.v<revision>} in the release's namespace
 * (Helm's default storage driver), and decoded by {@link HelmReleaseRecord}. Reading a Secret needs a Kubernetes
 * client, which Orca's main code does not carry yet (docs/decisions/0011-helm-seam.md): until dev mode brings one,
 * the engine is built with {@link #NONE} and {@link HelmEngine#get} fails with a message saying so.
 */
@FunctionalInterface
public interface ReleaseRecords {
    ReleaseRecords NONE = (target, release, revision) -> {
        throw new HelmException("reading the manifest of release " + release + " needs a Kubernetes client, which this "
                + "build of Orca does not include");
    };

    /**
     * The {@code release} field of the Secret's {@code data} (base64 as the API returns it), or empty when there is
     * no such Secret.
     */
    Optional<String> read(KubeTarget target, ReleaseRef release, int revision);

    static String secretName(ReleaseRef release, int revision) {
        return "sh.helm.release.v1." + release.name() + ".v" + revision;
    }
}
