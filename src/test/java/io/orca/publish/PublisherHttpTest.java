package io.orca.publish;

import io.orca.model.Secret;
import io.orca.testing.GitCli;
import io.orca.testing.GitHttpBackendServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.orca.publish.Fixtures.change;
import static io.orca.publish.Fixtures.org;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Smart HTTP through git http-backend with Basic auth, on loopback. */
class PublisherHttpTest {
    private static final String PASSWORD = "s3cret-Pa55word!";

    @TempDir
    Path tmp;

    @Test
    void publishesWithUsernameAndPasswordAndRepublishIsANoOp() throws Exception {
        try (GitHttpBackendServer server = GitHttpBackendServer.startWithBasicAuth(tmp.resolve("srv"), "alice", PASSWORD)) {
            Path bare = server.createBareRepository("org1.git", "main");
            GitTarget target = new GitTarget(server.url("org1.git"), "main",
                    GitCredentials.userPassword("alice", Secret.of(PASSWORD)));
            Publisher publisher = new Publisher(PublishOptions.defaults(tmp.resolve("cache")));
            RepositoryReport r = publisher.publish(List.of(change(target, org("org1", "releases/org1", 3, "1.0.0"))))
                    .repositories().get(0);
            assertEquals(PublishStatus.COMMITTED, r.status(), r.message());
            assertEquals(r.commitId(), GitCli.head(bare, "main"));
            RepositoryReport again = publisher.publish(List.of(change(target, org("org1", "releases/org1", 3, "1.0.0"))))
                    .repositories().get(0);
            assertEquals(PublishStatus.UNCHANGED, again.status(), again.message());
            assertNoSecretOnDisk(tmp.resolve("cache"));
            assertFalse(GitCli.git(bare, "log", "--format=%an %ae %cn %ce %B", "main").contains(PASSWORD));
        }
    }

    @Test
    void passwordInTheUrlIsUsedButNeverShown() throws Exception {
        try (GitHttpBackendServer server = GitHttpBackendServer.startWithBasicAuth(tmp.resolve("srv"), "alice", PASSWORD)) {
            Path bare = server.createBareRepository("org1.git", "main");
            String url = server.url("org1.git").replace("http://", "http://alice:" + PASSWORD + "@");
            GitTarget target = GitTarget.of(url, "main");
            assertFalse(target.toString().contains(PASSWORD));
            RepositoryReport r = new Publisher(PublishOptions.defaults(tmp.resolve("cache")))
                    .publish(List.of(change(target, org("org1", "r", 1, "1")))).repositories().get(0);
            assertEquals(PublishStatus.COMMITTED, r.status(), r.message());
            assertFalse(r.url().contains(PASSWORD));
            assertTrue(r.url().startsWith("http://alice:***@"), "the password masked, the user kept: " + r.url());
            assertEquals(r.commitId(), GitCli.head(bare, "main"));
            assertNoSecretOnDisk(tmp.resolve("cache"));
        }
    }

    @Test
    void wrongPasswordFailsClearlyAndPushesNothing() throws Exception {
        try (GitHttpBackendServer server = GitHttpBackendServer.startWithBasicAuth(tmp.resolve("srv"), "alice", PASSWORD)) {
            Path bare = server.createBareRepository("org1.git", "main");
            String wrong = "wr0ng-Pa55word!";
            GitTarget target = new GitTarget(server.url("org1.git"), "main", GitCredentials.userPassword("alice", Secret.of(wrong)));
            PublishReport report = new Publisher(PublishOptions.defaults(tmp.resolve("cache")))
                    .publish(List.of(change(target, org("org1", "r", 1, "1"))));
            RepositoryReport r = report.repositories().get(0);
            assertEquals(PublishStatus.FAILED, r.status());
            assertEquals(1, report.exitCode());
            assertEquals("authentication failed for " + server.url("org1.git") + " as user alice: check gitops.password", r.message());
            assertFalse(r.message().contains(wrong));
            assertNull(GitCli.head(bare, "main"));

            // no credentials at all
            RepositoryReport none = new Publisher(PublishOptions.defaults(tmp.resolve("cache")))
                    .publish(List.of(change(GitTarget.of(server.url("org1.git"), "main"), org("org1", "r", 1, "1"))))
                    .repositories().get(0);
            assertEquals(PublishStatus.FAILED, none.status());
            assertTrue(none.message().startsWith("authentication required for " + server.url("org1.git")), none.message());
        }
    }

    @Test
    void unreachableServerFailsClearly() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/org1.git";
        RepositoryReport r = new Publisher(PublishOptions.defaults(tmp.resolve("cache")))
                .publish(List.of(change(new GitTarget(url, "main", GitCredentials.userPassword("alice", Secret.of(PASSWORD))),
                        org("org1", "r", 1, "1")))).repositories().get(0);
        assertEquals(PublishStatus.FAILED, r.status());
        assertTrue(r.message().startsWith("cannot reach " + url), r.message());
        assertFalse(r.message().contains(PASSWORD));
    }

    static void assertNoSecretOnDisk(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(PASSWORD), "secret written to " + f);
            }
        }
    }
}
