package io.orca.publish;

import io.orca.model.Secret;
import io.orca.testing.GitCli;
import io.orca.testing.GitHttpBackendServer;
import io.orca.testing.TestCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.orca.publish.Fixtures.change;
import static io.orca.publish.Fixtures.org;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Smart HTTP over TLS (git http-backend behind the JDK's HttpsServer) with a certificate issued by a throwaway
 * private CA: refused with a clear message while the CA is not trusted, published once the JVM trusts it.
 */
class PublisherHttpsTest {
    private static final String PASSWORD = "s3cret-Pa55word!";

    @TempDir
    Path tmp;

    @Test
    void untrustedPrivateCaFailsWithAClearMessageAndPushesNothing() throws Exception {
        TestCa ca = TestCa.create();
        try (GitHttpBackendServer server = GitHttpBackendServer.startHttps(tmp.resolve("srv"), ca, "alice", PASSWORD)) {
            Path bare = server.createBareRepository("org1.git", "main");
            String url = server.url("org1.git");
            assertTrue(url.startsWith("https://127.0.0.1:"), url);
            GitTarget target = new GitTarget(url, "main", GitCredentials.userPassword("alice", Secret.of(PASSWORD)));
            PublishReport report = new Publisher(PublishOptions.defaults(tmp.resolve("cache")))
                    .publish(List.of(change(target, org("org1", "releases/org1", 2, "1.0.0"))));
            RepositoryReport r = report.repositories().get(0);
            assertEquals(PublishStatus.FAILED, r.status(), r.message());
            assertEquals(1, report.exitCode());
            String m = r.message();
            assertTrue(m.startsWith(url + ": the server's TLS certificate is not trusted (PKIX path building failed: "
                    + "unable to find valid certification path to requested target); if it is signed by a private CA, "
                    + "trust that CA: ORCA_JAVA_OPTS=\"-Djavax.net.ssl.trustStore="), m);
            assertTrue(m.contains("-Djavax.net.ssl.trustStorePassword="), m);
            assertFalse(m.contains(PASSWORD), m);
            assertFalse(m.contains("\n"), m);
            assertFalse(m.contains("Exception"), m);
            assertFalse(m.contains("sun.security"), m);
            assertNull(GitCli.head(bare, "main"));

            // the password in the url instead: same message, still without it
            String withPassword = url.replace("https://", "https://alice:" + PASSWORD + "@");
            RepositoryReport again = new Publisher(PublishOptions.defaults(tmp.resolve("cache2")))
                    .publish(List.of(change(GitTarget.of(withPassword, "main"), org("org1", "r", 1, "1"))))
                    .repositories().get(0);
            assertEquals(PublishStatus.FAILED, again.status());
            assertTrue(again.message().contains(": the server's TLS certificate is not trusted (PKIX path building failed"), again.message());
            assertFalse(again.message().contains(PASSWORD), again.message());
            assertFalse(again.url().contains(PASSWORD), again.url());
        }
    }

    /** The documented route: the JVM's standard trust-store properties (as passed through ORCA_JAVA_OPTS). */
    @Test
    void trustStoreHoldingThePrivateCaPublishes() throws Exception {
        TestCa ca = TestCa.create();
        Path trustStore = ca.writeTrustStore(tmp.resolve("ca.p12"));
        try (GitHttpBackendServer server = GitHttpBackendServer.startHttps(tmp.resolve("srv"), ca, "alice", PASSWORD)) {
            Path bare = server.createBareRepository("org1.git", "main");
            String url = server.url("org1.git").replace("https://", "https://alice:" + PASSWORD + "@");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                    "-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=" + TestCa.TRUST_STORE_PASSWORD,
                    "-cp", System.getProperty("java.class.path"), PublishChildMain.class.getName(),
                    url, tmp.resolve("cache").toString(), "1.0.0", "normal", "1")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("STATUS COMMITTED"), out);
            assertFalse(out.contains(PASSWORD), out);
            assertTrue(GitCli.head(bare, "main") != null, out);
            assertTrue(GitCli.git(bare, "ls-tree", "-r", "--name-only", "main").contains("releases/org1/"));
        }
    }
}
