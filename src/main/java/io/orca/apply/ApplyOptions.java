package io.orca.apply;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@code orca apply} runs.
 *
 * @param concurrency releases installed or waited for at once, across organizations
 * @param timeout     how long one release may take to become Ready
 * @param atomic      a release that fails is restored to its previous revision (a first install is removed)
 * @param dryRun      change nothing: say per release what would change, with the diff
 * @param prune       uninstall the releases Orca installed earlier that are no longer planned
 * @param pollMillis  how often readiness is polled
 */
public record ApplyOptions(int concurrency, Duration timeout, boolean atomic, boolean dryRun, boolean prune, long pollMillis) {
    public static final int DEFAULT_CONCURRENCY = 16;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    public static final ApplyOptions DEFAULT = new ApplyOptions(DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT, false, false, true, 500);

    public ApplyOptions {
        Objects.requireNonNull(timeout, "timeout");
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }

    public ApplyOptions withConcurrency(int n) {
        return new ApplyOptions(n, timeout, atomic, dryRun, prune, pollMillis);
    }

    public ApplyOptions withTimeout(Duration d) {
        return new ApplyOptions(concurrency, d, atomic, dryRun, prune, pollMillis);
    }

    public ApplyOptions withAtomic(boolean a) {
        return new ApplyOptions(concurrency, timeout, a, dryRun, prune, pollMillis);
    }

    public ApplyOptions withDryRun(boolean d) {
        return new ApplyOptions(concurrency, timeout, atomic, d, prune, pollMillis);
    }

    public ApplyOptions withPrune(boolean p) {
        return new ApplyOptions(concurrency, timeout, atomic, dryRun, p, pollMillis);
    }

    public ApplyOptions withPollMillis(long ms) {
        return new ApplyOptions(concurrency, timeout, atomic, dryRun, prune, ms);
    }
}
