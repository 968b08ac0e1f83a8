package io.orca.apply;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks a running apply or destroy to stop (Ctrl-C): no release starts after it, waits end at once, and the report says
 * what was left where. Helm calls already running finish (they are short: Orca waits for readiness itself).
 */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean cancelled() {
        return cancelled.get();
    }

    /** Sleeps, or returns false at once when cancelled (or interrupted). */
    boolean sleep(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (!cancelled()) {
            long left = (end - System.nanoTime()) / 1_000_000L;
            if (left <= 0) return true;
            try {
                Thread.sleep(Math.min(left, 100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
