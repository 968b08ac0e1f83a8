package io.orca.publish;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to publish.
 *
 * @param workDir          cache of fetched repositories and their lock files (default {@code ~/.cache/orca})
 * @param dryRun           fetch and compare only: report WOULD_CHANGE with a unified diff, push nothing
 * @param maxAttempts      push attempts per repository when the remote moved meanwhile (≥ 1)
 * @param initialBackoff   wait before the 2nd attempt; doubles for each next one (with jitter)
 * @param lockTimeout      how long to wait for another publish holding the same repository's cache lock
 * @param transportTimeout network timeout of one Git operation
 * @param parallelism      repositories published at once (≥ 1)
 * @param hooks            fault-injection points for tests; {@link PublishHooks#NONE} in production
 * @param pruneRemoved     delete this network's directories (manifests {@code .orca/owned/<dir>.owned}) that
 *                         this publish does not carry (removed organizations); turn off when publishing only a subset
 *                         of the network's organizations
 */
public record PublishOptions(Path workDir, boolean dryRun, int maxAttempts, Duration initialBackoff,
                             Duration lockTimeout, Duration transportTimeout, int parallelism, PublishHooks hooks,
                             boolean pruneRemoved) {
    public PublishOptions {
        Objects.requireNonNull(workDir, "workDir");
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1");
        if (parallelism < 1) throw new IllegalArgumentException("parallelism must be >= 1");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(transportTimeout, "transportTimeout");
        if (hooks == null) hooks = PublishHooks.NONE;
    }

    /** {@code ~/.cache/orca} (or {@code $XDG_CACHE_HOME/orca}). */
    public static Path defaultWorkDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("orca");
    }

    public static PublishOptions defaults() {
        return defaults(defaultWorkDir());
    }

    public static PublishOptions defaults(Path workDir) {
        return new PublishOptions(workDir, false, 5, Duration.ofMillis(200), Duration.ofSeconds(120),
                Duration.ofSeconds(60), 4, PublishHooks.NONE, true);
    }

    public PublishOptions withWorkDir(Path dir) {
        return new PublishOptions(dir, dryRun, maxAttempts, initialBackoff, lockTimeout, transportTimeout, parallelism, hooks, pruneRemoved);
    }

    public PublishOptions withDryRun(boolean dry) {
        return new PublishOptions(workDir, dry, maxAttempts, initialBackoff, lockTimeout, transportTimeout, parallelism, hooks, pruneRemoved);
    }

    public PublishOptions withRetries(int attempts, Duration backoff) {
        return new PublishOptions(workDir, dryRun, attempts, backoff, lockTimeout, transportTimeout, parallelism, hooks, pruneRemoved);
    }

    public PublishOptions withLockTimeout(Duration timeout) {
        return new PublishOptions(workDir, dryRun, maxAttempts, initialBackoff, timeout, transportTimeout, parallelism, hooks, pruneRemoved);
    }

    public PublishOptions withTransportTimeout(Duration timeout) {
        return new PublishOptions(workDir, dryRun, maxAttempts, initialBackoff, lockTimeout, timeout, parallelism, hooks, pruneRemoved);
    }

    public PublishOptions withParallelism(int n) {
        return new PublishOptions(workDir, dryRun, maxAttempts, initialBackoff, lockTimeout, transportTimeout, n, hooks, pruneRemoved);
    }

    public PublishOptions withPruneRemoved(boolean prune) {
        return new PublishOptions(workDir, dryRun, maxAttempts, initialBackoff, lockTimeout, transportTimeout, parallelism, hooks, prune);
    }

    public PublishOptions withHooks(PublishHooks h) {
        return new PublishOptions(workDir, dryRun, maxAttempts, initialBackoff, lockTimeout, transportTimeout, parallelism, h, pruneRemoved);
    }
}
