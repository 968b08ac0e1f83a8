package io.orca.cli;

import io.orca.apply.Cancellation;
import sun.misc.Signal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Ctrl-C (SIGINT) and SIGTERM stop every command (docs/cli.md, decision 0024): the progress line is erased, the
 * command's own clean-up runs ({@link #onInterrupt}), one line says what happened and what is left, and the process
 * exits 130 (143 for SIGTERM) through the JVM's shutdown hooks (temporary folders are deleted there).
 *
 * <p>helm-java's Go side calls {@code signal.Notify(SIGINT, SIGTERM)} in every install or template call and never
 * {@code signal.Stop}: from the first call on, the Go runtime's handler swallows both signals (an interrupted
 * {@code orca template} used to run to the end and exit 0). While native code may run, {@link #guard()} takes the
 * signals back every {@value #RECLAIM_MS} ms; Go installs its handler only once per process, so the JVM's stays. A
 * signal in the few milliseconds between Go's first registration and the next reclaim is Go's (lost): a second Ctrl-C
 * stops the command.
 *
 * <p>A process started with SIGINT ignored (a background job of a non-interactive shell) keeps it ignored: the JVM
 * refuses a handler for an ignored signal, as a shell user expects.
 */
final class Interrupts {
    static final long RECLAIM_MS = 10;
    /** How long a cancelled apply or destroy gets to finish its report before the process exits anyway. */
    private static final long GRACE_SECONDS = 20;

    private static final List<Runnable> CLEANUPS = new CopyOnWriteArrayList<>();
    private static volatile boolean installed;
    private static volatile String note;

    private Interrupts() {
    }

    /** Installs the handlers (the real process only: tests that run commands in-process keep the JVM's). */
    static synchronized void install() {
        installed = true;
        handle();
    }

    private static void handle() {
        try {
            Signal.handle(new Signal("INT"), s -> stop(Cli.EXIT_INTERRUPTED, "interrupted"));
            Signal.handle(new Signal("TERM"), s -> stop(Cli.EXIT_TERMINATED, "terminated"));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // the JVM reserves them (-Xrs): its default handling (exit 130/143) stays
        }
    }

    /** A clean-up to run before exiting on a signal (e.g. closing what a command has half-written). */
    static void onInterrupt(Runnable cleanup) {
        CLEANUPS.add(cleanup);
    }

    /** What is left when the command stops now, said after "interrupted" (null: nothing). */
    static void note(String text) {
        note = text;
    }

    /**
     * Keeps the handlers while native code that takes signals (helm-java) may run: a daemon thread re-installs them
     * until closed. A no-op when {@link #install()} was not called (in-process tests).
     */
    static AutoCloseable guard() {
        if (!installed) return () -> { };
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(RECLAIM_MS);
                    handle();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "orca-signals");
        t.setDaemon(true);
        t.start();
        return t::interrupt;
    }

    /**
     * Runs work that stops itself when cancelled (apply, destroy): a signal cancels it (no release starts, waits end)
     * and gives it {@value #GRACE_SECONDS} s to return, so that the command can say what was left where, before the
     * exit; its report then carries exit code 130 itself.
     */
    static <T> T run(Cancellation cancel, Supplier<T> work) {
        CountDownLatch done = new CountDownLatch(1);
        Runnable stopWork = () -> {
            cancel.cancel();
            try {
                done.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        CLEANUPS.add(stopWork);
        try (AutoCloseable guard = guard()) {
            return work.get();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception closing) {
            throw new IllegalStateException(closing);
        } finally {
            done.countDown();
            CLEANUPS.remove(stopWork);
        }
    }

    private static void stop(int code, String word) {
        Progress.clearActive();
        for (Runnable r : CLEANUPS) {
            try {
                r.run();
            } catch (RuntimeException e) {
                // best effort: the exit must happen
            }
        }
        String n = note;
        Cli.err().println("orca: " + word + (n == null ? "" : "; " + n));
        Cli.err().flush();
        // The command's threads run on while the shutdown hooks do: nothing they print may follow this line.
        Cli.silence();
        System.exit(code);
    }
}
