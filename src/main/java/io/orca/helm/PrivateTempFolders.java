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
    private static volatile boolean hooked;

    private PrivateTempFolders() {
    }

    static Path create(String prefix) throws IOException {
        hook();
        Path dir = Files.createTempDirectory(prefix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        LIVE.add(dir);
        return dir;
    }

    static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: a temporary folder the OS cleans anyway
        }
        LIVE.remove(dir);
    }

    private static void hook() {
        if (hooked) return;
        synchronized (PrivateTempFolders.class) {
            if (hooked) return;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (Path dir : LIVE.toArray(Path[]::new)) delete(dir);
            }, "orca-helm-temp-cleanup"));
            hooked = true;
        }
    }
}
