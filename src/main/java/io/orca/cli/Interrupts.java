package io.orca.cli;

import io.orca.apply.Cancellation;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Ctrl-C during apply or destroy: the shutdown hook asks the run to stop (no release starts, waits end) and gives it a
 * little time to say what was left where before the JVM exits.
 */
final class Interrupts {
    private static final long GRACE_SECONDS = 20;

    private Interrupts() {
    }

    static <T> T run(Cancellation cancel, Supplier<T> work) {
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancel.cancel();
            try {
                done.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "orca-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return work.get();
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs: it returns now that the work is done
            }
        }
    }
}
