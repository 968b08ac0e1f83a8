package io.orca.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The engine's private temporary folders (0700: values files, cut-down kubeconfigs), each deleted after its call,
 * and whatever is still there deleted at exit too: a command stopped by Ctrl-C in the middle of a Helm call exits
 * through the JVM's shutdown hooks and leaves no {@code orca-values*} or {@code orca-kube*} folder behind (issue 11).
 */
final class PrivateTempFolders {
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    private static final Object LOCK = new Object();
    /** How long the exit waits for calls in flight to delete their own folders before deleting what is left. */
    private static final long DRAIN_MS = 2000;
    private static volatile boolean hooked;
    private static boolean closing;

    private PrivateTempFolders() {
    }

    /** A new private folder; refused once the JVM exits (render threads keep running while shutdown hooks do). */
    static Path create(String prefix) throws IOException {
        hook();
        synchronized (LOCK) {
            if (closing) throw new IOException("Orca is exiting");
            Path dir = Files.createTempDirectory(prefix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            LIVE.add(dir);
            return dir;
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: a temporary folder the OS cleans anyway
        }
        if (!Files.exists(dir)) LIVE.remove(dir);
    }

    /**
     * No new folder from now on; calls in flight (milliseconds for a template) delete theirs when they finish; what
     * is still there after {@link #DRAIN_MS} (a call that waits on a cluster) is deleted here, twice if a late write
     * refilled it.
     */
    private static void atExit() {
        synchronized (LOCK) {
            closing = true;
        }
        long deadline = System.nanoTime() + DRAIN_MS * 1_000_000L;
        try {
            while (!LIVE.isEmpty() && System.nanoTime() < deadline) Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int round = 0; round < 2 && !LIVE.isEmpty(); round++) {
            for (Path dir : LIVE.toArray(Path[]::new)) delete(dir);
        }
    }

    private static void hook() {
        if (hooked) return;
        synchronized (PrivateTempFolders.class) {
            if (hooked) return;
            Runtime.getRuntime().addShutdownHook(new Thread(PrivateTempFolders::atExit, "orca-helm-temp-cleanup"));
            hooked = true;
        }
    }
}
