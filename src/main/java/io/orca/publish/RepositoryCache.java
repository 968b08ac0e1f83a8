package io.orca.publish;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The local cache of one (repository, branch): a bare repository under {@code <workDir>/repos/} whose name
 * is derived from a sha256 of the URL without user info and the branch, next to a {@code .lock} file.
 * Holding the lock (an in-JVM semaphore plus an OS file lock, released by the OS if the process dies)
 * gives exclusive use of the cache.
 */
public final class RepositoryCache {
    private static final Map<Path, Semaphore> JVM_LOCKS = new ConcurrentHashMap<>();

    private RepositoryCache() {
    }

    /** sha256 of (URL without credentials or user, branch), hex; first 20 characters. */
    public static String key(GitTarget target) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] d = md.digest(target.key().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path repositoryDir(Path workDir, GitTarget target) {
        return workDir.resolve("repos").resolve(slug(target) + "-" + key(target) + ".git");
    }

    public static Path lockFile(Path workDir, GitTarget target) {
        return workDir.resolve("repos").resolve(slug(target) + "-" + key(target) + ".lock");
    }

    private static String slug(GitTarget target) {
        String u = Redaction.stripUserInfo(target.url());
        while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
        String last = u.substring(Math.max(u.lastIndexOf('/'), u.lastIndexOf(':')) + 1);
        if (last.endsWith(".git")) last = last.substring(0, last.length() - 4);
        String s = last.replaceAll("[^A-Za-z0-9._-]", "_") + "_" + target.branch().replaceAll("[^A-Za-z0-9._-]", "_");
        return s.length() > 60 ? s.substring(0, 60) : s;
    }

    /** Exclusive use of one repository's cache; close to release. */
    public static final class Lock implements AutoCloseable {
        private final Semaphore semaphore;
        private final FileChannel channel;
        private final FileLock fileLock;

        private Lock(Semaphore semaphore, FileChannel channel, FileLock fileLock) {
            this.semaphore = semaphore;
            this.channel = channel;
            this.fileLock = fileLock;
        }

        @Override
        public void close() {
            try {
                fileLock.release();
                channel.close();
            } catch (IOException ignored) {
                // the OS drops the lock with the channel anyway
            } finally {
                semaphore.release();
            }
        }
    }

    /**
     * Takes the lock of {@code target}'s cache, waiting at most {@code timeout}.
     *
     * @throws PublishException with a clear message when another publish holds it for longer
     */
    public static Lock lock(Path workDir, GitTarget target, Duration timeout) throws PublishException {
        return lockFile(lockFile(workDir, target).toAbsolutePath().normalize(), target, timeout);
    }

    /**
     * The lock of a whole {@code orca publish} run on {@code target} ({@code <name>-<hash>.run.lock}, beside the cache's):
     * held from reading the repository's current files, through sealing, to the push, so that two runs sharing a
     * work folder do not both seal against the same old state and the second commit re-encrypted Secrets (issue 10,
     * item 10). The engine's cache lock is taken inside it, as usual.
     */
    public static Lock runLock(Path workDir, GitTarget target, Duration timeout) throws PublishException {
        Path cache = lockFile(workDir, target).toAbsolutePath().normalize();
        String name = cache.getFileName().toString();
        return lockFile(cache.resolveSibling(name.substring(0, name.length() - ".lock".length()) + ".run.lock"), target, timeout);
    }

    private static Lock lockFile(Path file, GitTarget target, Duration timeout) throws PublishException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String busy = "another orca publish to " + target + " holds the lock " + file + " for more than "
                + timeout.toSeconds() + "s; wait for it to finish (a killed process releases the lock by itself)";
        Semaphore sem = JVM_LOCKS.computeIfAbsent(file, f -> new Semaphore(1));
        try {
            if (!sem.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS))
                throw new PublishException(busy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while waiting for the lock " + file);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            while (true) {
                FileLock l;
                try {
                    l = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null;
                }
                if (l != null) return new Lock(sem, channel, l);
                if (System.nanoTime() >= deadline) throw new PublishException(busy);
                Thread.sleep(50);
            }
        } catch (IOException e) {
            close(channel);
            sem.release();
            throw new PublishException("cannot lock " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            close(channel);
            sem.release();
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while waiting for the lock " + file);
        } catch (PublishException e) {
            close(channel);
            sem.release();
            throw e;
        }
    }

    private static void close(FileChannel c) {
        if (c == null) return;
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
