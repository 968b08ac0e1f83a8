package io.orca.publish;

import io.orca.secrets.AgeKeyPair;
import io.orca.secrets.Sops;
import io.orca.testing.GitCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.orca.publish.Fixtures.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Regression tests for the publish engine's findings of issue 10, each named after its bug, on real local remotes. */
class PublishHardeningTest {
    private static final String PLAIN = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: pw-4711\n";

    @TempDir
    Path tmp;

    private Publisher publisher() {
        return new Publisher(PublishOptions.defaults(tmp.resolve("cache")));
    }

    // ---- 7. publish never commits a plaintext Secret

    /** Nothing kept publish from committing a {@code *.sops.yaml} without a sops block, or a plaintext Secret. */
    @Test
    void publishCommitsAPlaintextSopsFile() throws Exception {
        Path remote = GitCli.initBare(tmp.resolve("r.git"), "main");
        GitTarget target = GitTarget.of(remote.toString(), "main");
        String encrypted = Sops.encrypt(PLAIN, List.of(AgeKeyPair.generate().recipient()));
        for (Map<String, String> files : List.of(Map.of("ns/secrets/s.sops.yaml", PLAIN), Map.of("ns/s.yaml", PLAIN),
                Map.of("ns/secrets/empty.sops.yml", ""), Map.of("ns/list.yaml", "kind: List\n---\nkind: \"Secret\"\ndata: {}\n"))) {
            RepositoryReport r = publisher().publish(List.of(change(target, dir(files)))).repositories().get(0);
            assertEquals(PublishStatus.FAILED, r.status(), files.keySet().toString());
            assertTrue(r.message().contains("not SOPS-encrypted") && r.message().contains("Orca never commits a Secret in plaintext"),
                    r.message());
            assertFalse(r.message().contains("pw-4711"), r.message());
            assertNull(GitCli.head(remote, "main"), "nothing pushed");
        }
        // encrypted ones, and YAML that only mentions Secrets, go through
        RepositoryReport ok = publisher().publish(List.of(change(target, dir(Map.of("ns/secrets/s.sops.yaml", encrypted,
                "ns/role.yaml", "kind: Role\nrules:\n  - resources: [secrets]\n    kind: Secret\n"))))).repositories().get(0);
        assertEquals(PublishStatus.COMMITTED, ok.status(), ok.message());
    }

    private static OwnedDirectory dir(Map<String, String> files) {
        java.util.TreeMap<String, byte[]> bytes = new java.util.TreeMap<>();
        files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return new OwnedDirectory("org1", "releases/org1", bytes);
    }

    // ---- 10. two identical publishes at once

    /**
     * Two identical publishes at once (separate caches): the second pushed the very commit the first had just pushed,
     * JGit said UP_TO_DATE, and Orca reported FAILED (exit 1) though the remote had the content. Now it succeeds.
     */
    @Test
    void twoIdenticalPublishesAtOnceOneFailsUpToDate() throws Exception {
        Path remote = GitCli.initBare(tmp.resolve("r.git"), "main");
        GitTarget target = GitTarget.of(remote.toString(), "main");
        publisher().publish(List.of(change(target, Fixtures.org("org1", "releases/org1", 1, "1"))));
        boolean sameCommit = false;
        for (int round = 2; round < 8 && !sameCommit; round++) {
            String version = String.valueOf(round);
            String before = GitCli.head(remote, "main");
            java.util.concurrent.atomic.AtomicReference<String> other = new java.util.concurrent.atomic.AtomicReference<>();
            // publisher B, about to push, lets publisher A (its own cache) publish the same change first
            PublishHooks racing = new PublishHooks() {
                @Override
                public void beforePush(GitTarget t, String commitId, int attempt) {
                    if (attempt > 1) return;
                    RepositoryReport a = new Publisher(PublishOptions.defaults(tmp.resolve("cache-a"))).publish(
                            List.of(change(target, Fixtures.org("org1", "releases/org1", 1, version)))).repositories().get(0);
                    other.set(a.commitId());
                }
            };
            PublishReport b = new Publisher(PublishOptions.defaults(tmp.resolve("cache-b")).withHooks(racing))
                    .publish(List.of(change(target, Fixtures.org("org1", "releases/org1", 1, version))));
            RepositoryReport r = b.repositories().get(0);
            assertEquals(0, b.exitCode(), r.status() + ": " + r.message());
            assertTrue(r.status() == PublishStatus.COMMITTED || r.status() == PublishStatus.UNCHANGED, r.status() + ": " + r.message());
            assertEquals(other.get(), GitCli.head(remote, "main"));
            assertEquals(before, GitCli.git(remote, "rev-parse", "main~1").strip(), "one commit for both publishes");
            sameCommit = other.get().equals(r.commitId());
        }
        assertTrue(sameCommit, "the identical-commit race (same second) never happened in 6 rounds");
    }

    // ---- 11. the checked-out branch of a non-bare repository

    /**
     * Pushing to the checked-out branch of a non-bare repository was accepted; its work tree then showed every file
     * deleted. Refused now, as git refuses (receive.denyCurrentBranch); another branch, or the setting, allows it.
     */
    @Test
    void pushingToTheCheckedOutBranchOfANonBareRepositoryIsAccepted() throws Exception {
        Path work = tmp.resolve("work");
        GitCli.git(tmp, "init", "-q", "-b", "main", work.toString());
        java.nio.file.Files.writeString(work.resolve("README.md"), "hand-written\n");
        GitCli.git(work, "add", "README.md");
        GitCli.git(work, "-c", "user.name=t", "-c", "user.email=t@example.test", "commit", "-q", "-m", "first");
        String head = GitCli.git(work, "rev-parse", "HEAD").strip();
        for (String url : List.of(work.toString(), "file://" + work, work.resolve(".git").toString())) {
            RepositoryReport r = publisher().publish(List.of(change(GitTarget.of(url, "main"),
                    Fixtures.org("org1", "releases/org1", 1, "1")))).repositories().get(0);
            assertEquals(PublishStatus.FAILED, r.status(), url);
            assertTrue(r.message().contains("branch main is checked out in that non-bare repository"), r.message());
            assertEquals(head, GitCli.git(work, "rev-parse", "HEAD").strip());
            assertEquals("", GitCli.git(work, "status", "--porcelain").strip(), "the work tree is untouched");
        }
        RepositoryReport other = publisher().publish(List.of(change(GitTarget.of(work.toString(), "gitops"),
                Fixtures.org("org1", "releases/org1", 1, "1")))).repositories().get(0);
        assertEquals(PublishStatus.COMMITTED, other.status(), other.message());
        GitCli.git(work, "config", "receive.denyCurrentBranch", "ignore");
        RepositoryReport allowed = publisher().publish(List.of(change(GitTarget.of(work.toString(), "main"),
                Fixtures.org("org1", "releases/org1", 1, "1")))).repositories().get(0);
        assertEquals(PublishStatus.COMMITTED, allowed.status(), allowed.message());
        // a dry run pushes nothing, so it may look
        GitCli.git(work, "config", "--unset", "receive.denyCurrentBranch");
        assertEquals(PublishStatus.UNCHANGED, publisher().diff(List.of(change(GitTarget.of(work.toString(), "main"),
                Fixtures.org("org1", "releases/org1", 1, "1")))).repositories().get(0).status());
    }

    // ---- 14. an unreachable ssh host

    /**
     * An unreachable ssh host failed after 121 s though the transport timeout is 60 s: Apache MINA's own 2-minute
     * authentication timeout governed the handshake. A host that accepts the connection and never speaks, with a 3 s
     * transport timeout, now fails within a few seconds, for the snapshot as for the publish.
     */
    @Test
    void unreachableSshHostFailsAfterTwiceTheTransportTimeout() throws Exception {
        Path key = tmp.resolve("id");
        io.orca.testing.GitSshServer.writeKeyPair(key, null);
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            GitTarget target = new GitTarget("ssh://git@127.0.0.1:" + silent.getLocalPort() + "/r.git", "main",
                    new GitCredentials.SshKey(key, null, null, null));
            Publisher p = new Publisher(PublishOptions.defaults(tmp.resolve("cache")).withTransportTimeout(java.time.Duration.ofSeconds(3)));
            // a hang guard far below the 120 s it took, far above 3 s on a loaded machine
            RepositoryReport r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                    () -> p.publish(List.of(change(target, Fixtures.org("org1", "releases/org1", 1, "1")))).repositories().get(0));
            assertEquals(PublishStatus.FAILED, r.status());
            assertTrue(r.message().startsWith("cannot reach ssh://git@127.0.0.1:" + silent.getLocalPort()), r.message());
            PublishException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                    () -> org.junit.jupiter.api.Assertions.assertThrows(PublishException.class, () -> p.snapshot(target, List.of("x"))));
            assertTrue(e.getMessage().contains("cannot reach"), e.getMessage());
        }
    }

    /**
     * A host that never answers the TCP handshake at all (a dropped SYN, as a firewall or a dead address does): a
     * loopback listener whose accept queue is full, so the kernel drops every further SYN and the connect hangs.
     * Over ssh and over https, the transport timeout (3 s here) ends it with "cannot reach".
     */
    @Test
    void unreachableSshHostFailsAfterTwiceTheTransportTimeoutWhenTheHandshakeNeverCompletes() throws Exception {
        Path key = tmp.resolve("id");
        io.orca.testing.GitSshServer.writeKeyPair(key, null);
        List<java.net.Socket> queued = new java.util.ArrayList<>();
        try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            // Fill the accept queue (the listener never accepts) until a connect times out: from then on, SYNs are dropped.
            boolean dropping = false;
            for (int i = 0; i < 16 && !dropping; i++) {
                java.net.Socket s = new java.net.Socket();
                queued.add(s);
                try {
                    s.connect(full.getLocalSocketAddress(), 500);
                } catch (java.net.SocketTimeoutException e) {
                    dropping = true;
                }
            }
            assertTrue(dropping, "the port must drop connections for this test");
            int port = full.getLocalPort();
            Publisher p = new Publisher(PublishOptions.defaults(tmp.resolve("cache")).withTransportTimeout(java.time.Duration.ofSeconds(3)));
            for (GitTarget target : List.of(
                    new GitTarget("ssh://git@127.0.0.1:" + port + "/r.git", "main", new GitCredentials.SshKey(key, null, null, null)),
                    GitTarget.of("https://127.0.0.1:" + port + "/r.git", "main"))) {
                RepositoryReport r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                        () -> p.publish(List.of(change(target, Fixtures.org("org1", "releases/org1", 1, "1")))).repositories().get(0));
                assertEquals(PublishStatus.FAILED, r.status());
                assertTrue(r.message().startsWith("cannot reach " + target.displayUrl()), r.message());
            }
        } finally {
            for (java.net.Socket s : queued) s.close();
        }
    }

    // ---- 9. a read-only remote

    /**
     * A remote that cannot be written (tests run as root, for whom permissions do not forbid: a file stands where the
     * remote's folders must be, as a read-only file system refuses): JGit's in-process receive-pack printed its stack
     * trace on stderr ("Exception in thread JGit-Receive-Pack"), and a ref lock that could not be created was reported
     * as "locked by …main.lock (gone now)" after five attempts. Now one clear line, at once, and nothing on stderr.
     */
    @Test
    void readOnlyRemotePrintsJGitStackTracesAndAMisleadingLockMessage() throws Exception {
        for (String broken : List.of("refs/heads", "objects/pack")) {
            Path remote = GitCli.initBare(tmp.resolve(broken.replace('/', '-') + ".git"), "main");
            GitTarget target = GitTarget.of(remote.toString(), "main");
            publisher().publish(List.of(change(target, Fixtures.org("org1", "releases/org1", 1, "1"))));
            GitCli.git(remote, "pack-refs", "--all");
            GitCli.git(remote, "repack", "-a", "-d", "-q");
            Path dir = remote.resolve(broken);
            try (var s = java.nio.file.Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) java.nio.file.Files.delete(p);
            }
            java.nio.file.Files.writeString(dir, "not a folder\n");
            String head = GitCli.head(remote, "main");
            java.io.PrintStream err = System.err;
            java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
            RepositoryReport r;
            long t0 = System.nanoTime();
            try {
                System.setErr(new java.io.PrintStream(captured, true));
                r = publisher().publish(List.of(change(target, Fixtures.org("org1", "releases/org1", 1, "2")))).repositories().get(0);
            } finally {
                System.setErr(err);
            }
            assertEquals(PublishStatus.FAILED, r.status(), broken);
            assertTrue(r.message().contains("the repository is not writable (" + dir + " is not a folder)"), broken + ": " + r.message());
            assertEquals(0, r.attempts(), broken + ": no push tried: " + r.message());
            assertEquals("", captured.toString(), broken + ": stderr");
            assertEquals(head, GitCli.head(remote, "main"));
        }
    }

    /**
     * The same over HTTP, against a real read-only remote: git http-backend with {@code http.receivepack false}
     * refuses every push (403). One line naming the server's refusal, nothing on stderr, the remote unchanged.
     */
    @Test
    void readOnlyRemotePrintsJGitStackTracesAndAMisleadingLockMessageOverHttp() throws Exception {
        try (io.orca.testing.GitHttpBackendServer server = io.orca.testing.GitHttpBackendServer.start(tmp.resolve("srv"))) {
            Path remote = server.createBareRepository("ro.git", "main");
            GitTarget target = GitTarget.of(server.url("ro.git"), "main");
            assertEquals(PublishStatus.COMMITTED, publisher().publish(List.of(change(target,
                    Fixtures.org("org1", "releases/org1", 1, "1")))).repositories().get(0).status());
            GitCli.git(remote, "config", "http.receivepack", "false");
            String head = GitCli.head(remote, "main");
            java.io.PrintStream err = System.err;
            java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
            RepositoryReport r;
            try {
                System.setErr(new java.io.PrintStream(captured, true));
                r = publisher().publish(List.of(change(target, Fixtures.org("org1", "releases/org1", 1, "2")))).repositories().get(0);
            } finally {
                System.setErr(err);
            }
            assertEquals(PublishStatus.FAILED, r.status(), r.message());
            assertFalse(r.message().contains("\n"), "one line: " + r.message());
            assertFalse(r.message().contains("lock"), r.message());
            assertTrue(r.message().contains("the server does not let Orca push to " + server.url("ro.git")), r.message());
            assertEquals("", captured.toString(), "stderr");
            assertEquals(head, GitCli.head(remote, "main"));
        }
    }
}
