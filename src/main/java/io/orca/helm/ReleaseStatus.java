package io.orca.helm;

import java.time.Instant;

/**
 * A release as {@code helm status} / {@code helm list} show it.
 *
 * @param status  Helm's status word: deployed, failed, pending-install, pending-upgrade, pending-rollback,
 *                superseded, uninstalling, uninstalled, unknown
 * @param chart   Helm's "name-version" of the chart, e.g. {@code besu-node-0.1.0}
 * @param updated when the revision was deployed, or null when Helm did not say
 */
public record ReleaseStatus(String name, String namespace, int revision, String status, String chart,
                            String appVersion, Instant updated) {
    public ReleaseRef ref() {
        return new ReleaseRef(name, namespace);
    }

    public boolean deployed() {
        return "deployed".equals(status);
    }
}
