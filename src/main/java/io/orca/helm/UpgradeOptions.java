package io.orca.helm;

import java.time.Duration;
import java.util.Objects;

/**
 * How an install, upgrade or rollback runs. Namespaces are never created by Helm (Orca creates and labels its own).
 *
 * @param waitReady     wait until the release's Deployments, StatefulSets, Pods... are ready (Helm's {@code --wait})
 * @param timeout       how long Helm waits (whole seconds; Helm's {@code --timeout})
 * @param atomic        on failure, roll back (an upgrade) or uninstall (a first install); implies waiting
 * @param cleanupOnFail on a failed upgrade, delete the new resources it created
 * @param description   recorded in the release's history, or null
 */
public record UpgradeOptions(boolean waitReady, Duration timeout, boolean atomic, boolean cleanupOnFail,
                             String description) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    public static final UpgradeOptions DEFAULT = new UpgradeOptions(true, DEFAULT_TIMEOUT, false, false, null);

    public UpgradeOptions {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }

    public UpgradeOptions withTimeout(Duration d) {
        return new UpgradeOptions(waitReady, d, atomic, cleanupOnFail, description);
    }

    public UpgradeOptions withAtomic(boolean a) {
        return new UpgradeOptions(waitReady, timeout, a, cleanupOnFail, description);
    }

    public UpgradeOptions withCleanupOnFail(boolean c) {
        return new UpgradeOptions(waitReady, timeout, atomic, c, description);
    }

    public UpgradeOptions withWaitReady(boolean w) {
        return new UpgradeOptions(w, timeout, atomic, cleanupOnFail, description);
    }

    public UpgradeOptions withDescription(String d) {
        return new UpgradeOptions(waitReady, timeout, atomic, cleanupOnFail, d);
    }

    /** Helm takes whole seconds; anything below one second is one second. */
    int timeoutSeconds() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
    }
}
