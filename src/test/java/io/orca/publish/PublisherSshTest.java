package io.orca.publish;

import io.orca.model.Secret;
import io.orca.testing.GitCli;
import io.orca.testing.GitSshServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.orca.publish.Fixtures.change;
import static io.orca.publish.Fixtures.org;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;


/**
 * ssh against a Git server on loopback started by the test (Apache MINA SSHD running the real git upload-pack and
 * receive-pack; {@link GitSshServer}, decision 0015), with a throwaway host key, client key and known_hosts.
 */
class PublisherSshTest {
    private static final String PASSPHRASE = "key-Pa55phrase";

    @TempDir
    static Path shared;
    static GitSshServer sshd;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = GitSshServer.start(shared.resolve("sshd"));
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) sshd.close();
    }

    private Publisher publisher() {
        return new Publisher(PublishOptions.defaults(tmp.resolve("cache")).withRetries(1, java.time.Duration.ZERO));
    }

    @Test
    void publishesWithAKeyAndAKnownHostsFile() throws Exception {
        Path bare = GitCli.initBare(tmp.resolve("org1.git"), "main");
        Path knownHosts = tmp.resolve("known_hosts");
        Files.writeString(knownHosts, sshd.knownHostsLine() + "\n");
        GitTarget target = new GitTarget(sshd.url(bare), "main",
                new GitCredentials.SshKey(sshd.clientKey(), null, knownHosts, null));
        RepositoryReport r = publisher().publish(List.of(change(target, org("org1", "releases", 2, "1")))).repositories().get(0);
        assertEquals(PublishStatus.COMMITTED, r.status(), r.message() + "\n" + sshd.log());
        assertEquals(r.commitId(), GitCli.head(bare, "main"));
        assertTrue(sshd.log().contains("git receive-pack " + bare.toAbsolutePath() + " exited 0"), sshd.log());
        RepositoryReport again = publisher().publish(List.of(change(target, org("org1", "releases", 2, "1")))).repositories().get(0);
        assertEquals(PublishStatus.UNCHANGED, again.status(), again.message());
    }

    @Test
    void unknownHostKeyIsRefusedThenTrustedThroughTheOption() throws Exception {
        Path bare = GitCli.initBare(tmp.resolve("org1.git"), "main");
        Path emptyKnownHosts = tmp.resolve("known_hosts");
        Files.writeString(emptyKnownHosts, "");
        GitCredentials.SshKey creds = new GitCredentials.SshKey(sshd.clientKey(), null, emptyKnownHosts, null);
        GitTarget target = new GitTarget(sshd.url(bare), "main", creds);
        RepositoryReport refused = publisher().publish(List.of(change(target, org("org1", "r", 1, "1")))).repositories().get(0);
        assertEquals(PublishStatus.FAILED, refused.status());
        assertTrue(refused.message().startsWith("host key of 127.0.0.1:" + sshd.port() + " is unknown (ecdsa-sha2-nistp256 SHA256:")
                || refused.message().startsWith("host key of [127.0.0.1]:" + sshd.port() + " is unknown (ecdsa-sha2-nistp256 SHA256:"),
                refused.message());
        assertTrue(refused.message().contains("trusted known_hosts option"), refused.message());
        assertNull(GitCli.head(bare, "main"));
        assertEquals("", Files.readString(emptyKnownHosts), "never adds keys by itself");

        GitTarget trusted = new GitTarget(sshd.url(bare), "main", creds.withTrustedKnownHosts(sshd.knownHostsLine()));
        RepositoryReport ok = publisher().publish(List.of(change(trusted, org("org1", "r", 1, "1")))).repositories().get(0);
        assertEquals(PublishStatus.COMMITTED, ok.status(), ok.message());
    }

    @Test
    void changedHostKeyIsRefused() throws Exception {
        Path bare = GitCli.initBare(tmp.resolve("org1.git"), "main");
        // a known_hosts entry for this host:port with another key
        String other = "[127.0.0.1]:" + sshd.port()
                + " ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=";
        GitTarget target = new GitTarget(sshd.url(bare), "main",
                new GitCredentials.SshKey(sshd.clientKey(), null, tmp.resolve("none"), other));
        RepositoryReport r = publisher().publish(List.of(change(target, org("org1", "r", 1, "1")))).repositories().get(0);
        assertEquals(PublishStatus.FAILED, r.status());
        assertTrue(r.message().contains("has CHANGED"), r.message());
    }

    @Test
    void keyNotAuthorizedFailsClearly() throws Exception {
        Path bare = GitCli.initBare(tmp.resolve("org1.git"), "main");
        Path otherKey = tmp.resolve("other_key");
        GitSshServer.writeKeyPair(otherKey, null); // a valid key the server does not authorize
        GitTarget target = new GitTarget(sshd.url(bare), "main",
                new GitCredentials.SshKey(otherKey, null, null, sshd.knownHostsLine()));
        RepositoryReport r = publisher().publish(List.of(change(target, org("org1", "r", 1, "1")))).repositories().get(0);
        assertEquals(PublishStatus.FAILED, r.status());
        assertTrue(r.message().startsWith("authentication failed for " + sshd.url(bare) + " with key " + otherKey), r.message());
        assertTrue(sshd.log().contains("refused publickey for " + System.getProperty("user.name")), sshd.log());
        assertNull(GitCli.head(bare, "main"));
    }

    @Test
    void encryptedKeyWithPassphrase() throws Exception {
        try (GitSshServer server = GitSshServer.start(tmp.resolve("sshd2"), PASSPHRASE)) {
            Path bare = GitCli.initBare(tmp.resolve("org1.git"), "main");
            GitCredentials.SshKey creds = new GitCredentials.SshKey(server.clientKey(), Secret.of(PASSPHRASE), null,
                    server.knownHostsLine());
            RepositoryReport ok = publisher().publish(List.of(change(new GitTarget(server.url(bare), "main", creds),
                    org("org1", "r", 1, "1")))).repositories().get(0);
            assertEquals(PublishStatus.COMMITTED, ok.status(), ok.message());

            GitCredentials.SshKey wrong = creds.withPassphrase(Secret.of("not-the-Pa55phrase"));
            RepositoryReport bad = publisher().publish(List.of(change(new GitTarget(server.url(bare), "main", wrong),
                    org("org1", "r", 1, "2")))).repositories().get(0);
            assertEquals(PublishStatus.FAILED, bad.status());
            assertTrue(bad.message().contains("passphrase"), bad.message());
            assertFalse(bad.message().contains("not-the-Pa55phrase"), bad.message());
        }
    }
}
