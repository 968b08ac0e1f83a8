package io.orca.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orca.cli.Main;
import io.orca.publish.PublishOptions;
import io.orca.publish.PublishReport;
import io.orca.publish.PublishStatus;
import io.orca.publish.RepositoryReport;
import io.orca.secrets.AgeKeyPair;
import io.orca.testing.GitCli;
import io.orca.testing.GitHttpBackendServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: one organization's repository that could not be read stopped the whole publish (a refusal, exit 1, nothing
 * pushed anywhere), although docs/publish.md says the others go on. Now the others are published and the failed one is
 * reported FAILED with its organization and a one-line reason, exit code 1.
 */
class UnreachableRepositoryRegressionTest {
    private static final String TOKEN = "unreachable-token-77";
    private static final Pattern STACK = Pattern.compile("^\\s+at [\\w.$]+\\(|Exception|Caused by", Pattern.MULTILINE);

    /** A loopback port: nothing listens (refused), or it accepts and then says nothing (hangs) or closes at once. */
    private static final class Fault implements AutoCloseable {
        final ServerSocket socket;
        final List<Socket> accepted = new ArrayList<>();

        Fault(boolean listen, boolean close) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            if (!listen) {
                socket.close(); // the port is free again: connection refused
                return;
            }
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        if (close) s.close();
                        else synchronized (accepted) {
                            accepted.add(s);
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "fault-server");
            t.setDaemon(true);
            t.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/beta.git";
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (accepted) {
                for (Socket s : accepted) s.close();
            }
        }
    }

    private static PublishService.Result publish(Path base, String yaml) {
        PublishOptions options = PublishOptions.defaults(base.resolve("cache")).withTransportTimeout(Duration.ofSeconds(2))
                .withRetries(2, Duration.ofMillis(50));
        return PublishService.publish(new PublishService.Request("network.yaml", yaml.getBytes(StandardCharsets.UTF_8), base,
                base.resolve("state"), options, false, new CredentialResolver(Map.of("GIT_TOKEN", TOKEN)::get)));
    }

    private record Run(int code, String out, String err) {
    }

    private static Run orca(Path base, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
                return Main.run(o, e, args);
            }
        });
        return new Run(code, out.toString(), err.toString());
    }

    private static String alphaChanged(String yaml) {
        String changed = yaml.replaceFirst("(name: validator-1\n(?:.*\n){4}            metrics: \\{ enabled: )true", "$1false");
        assertFalse(changed.equals(yaml), "fixture edit applied");
        return changed;
    }

    @Test
    void oneUnreachableRepositoryStoppedTheWholePublish(@TempDir Path base) throws Exception {
        AgeKeyPair key = AgeKeyPair.generate();
        try (GitHttpBackendServer server = GitHttpBackendServer.startWithBasicAuth(base.resolve("srv"), "bot", TOKEN)) {
            server.createBareRepository("alpha.git", "main");
            server.createBareRepository("beta.git", "main");
            Path alpha = base.resolve("srv/alpha.git");
            String yaml = QuietRepositoriesTest.twoRepositories(key.recipient(), server.url("alpha.git"), server.url("beta.git"));
            assertEquals(PublishReport.EXIT_OK, publish(base, yaml).exitCode());
            assertTrue(Files.isDirectory(base.resolve("state/beta")), "this machine now holds beta's keys");

            String changed = alphaChanged(yaml);
            int commits = 1;
            for (String fault : List.of("refused", "hangs", "closes")) {
                try (Fault f = new Fault(!fault.equals("refused"), fault.equals("closes"))) {
                    // alpha alternates between the two versions: every round has something to commit
                    PublishService.Result r = publish(base, (commits % 2 == 0 ? yaml : changed).replace(server.url("beta.git"), f.url()));
                    assertNull(r.refusal(), fault + ": " + r.refusal());
                    assertEquals(PublishReport.EXIT_FAILURE, r.exitCode(), fault + ": " + r.text(false));
                    RepositoryReport a = QuietRepositoriesTest.of(r, "alpha.git");
                    RepositoryReport b = QuietRepositoriesTest.of(r, "beta.git");
                    assertEquals(PublishStatus.COMMITTED, a.status(), fault + ": " + r.text(false));
                    assertEquals(PublishStatus.FAILED, b.status(), fault);
                    assertTrue(b.message().startsWith("organization beta: "), fault + ": " + b.message());
                    assertFalse(b.message().contains("\n") || STACK.matcher(b.message()).find(), fault + ": " + b.message());
                    commits++;
                    assertEquals(commits, GitCli.commitCount(alpha, "main"), fault + ": alpha's repository is published");
                }
            }
        }
    }

    @Test
    void theCommandLineNamesTheFailedRepositoryInTextAndJson(@TempDir Path base) throws Exception {
        AgeKeyPair key = AgeKeyPair.generate();
        try (GitHttpBackendServer server = GitHttpBackendServer.startWithBasicAuth(base.resolve("srv"), "bot", TOKEN);
             Fault refused = new Fault(false, false)) {
            server.createBareRepository("alpha.git", "main");
            server.createBareRepository("beta.git", "main");
            String yaml = QuietRepositoriesTest.twoRepositories(key.recipient(), server.url("alpha.git"), server.url("beta.git"))
                    .replace("${env:GIT_TOKEN}", TOKEN);
            Path file = base.resolve("network.yaml");
            Files.writeString(file, yaml);
            String[] common = {"--work-dir", base.resolve("cache").toString(), "--state-dir", base.resolve("state").toString()};
            Run first = orca(base, concat(new String[]{"publish", file.toString()}, common));
            assertEquals(0, first.code(), first.out() + first.err());

            Files.writeString(file, alphaChanged(yaml).replace(server.url("beta.git"), refused.url()));
            Run text = orca(base, concat(new String[]{"publish", file.toString()}, common));
            assertEquals(1, text.code(), text.out() + text.err());
            assertTrue(text.out().lines().anyMatch(l -> l.startsWith(server.url("alpha.git") + " (main): COMMITTED")), text.out());
            String failed = text.out().lines().filter(l -> l.startsWith(refused.url())).findFirst().orElseThrow();
            assertTrue(failed.contains("FAILED — organization beta: "), failed);
            assertTrue(text.out().contains("2 repositories: 1 committed, 0 unchanged, 1 failed"), text.out());
            assertFalse(STACK.matcher(text.out() + text.err()).find(), text.out() + text.err());
            assertFalse((text.out() + text.err()).contains(TOKEN));

            Files.writeString(file, yaml.replace(server.url("beta.git"), refused.url()));
            Run json = orca(base, concat(new String[]{"publish", file.toString(), "-o", "json"}, common));
            assertEquals(1, json.code(), json.out() + json.err());
            JsonNode root = new ObjectMapper().readTree(json.out());
            assertEquals(1, root.path("exitCode").asInt());
            JsonNode beta = null;
            for (JsonNode r : root.path("repositories")) if (r.path("url").asText().equals(refused.url())) beta = r;
            assertNotNull(beta, json.out());
            assertEquals("failed", beta.path("status").asText());
            assertTrue(beta.path("message").asText().startsWith("organization beta: "), json.out());
            assertFalse(STACK.matcher(json.out() + json.err()).find(), json.out() + json.err());
        }
    }

    @Test
    void keysDrawnForAnOrganizationWhoseRepositoryCannotBeReadStopThePublish(@TempDir Path base) throws Exception {
        AgeKeyPair key = AgeKeyPair.generate();
        try (GitHttpBackendServer server = GitHttpBackendServer.startWithBasicAuth(base.resolve("srv"), "bot", TOKEN);
             Fault refused = new Fault(false, false)) {
            server.createBareRepository("alpha.git", "main");
            String yaml = QuietRepositoriesTest.twoRepositories(key.recipient(), server.url("alpha.git"), refused.url());
            PublishService.Result r = publish(base, yaml);
            assertNotNull(r.refusal(), "this machine has no key of beta and cannot read beta's repository");
            assertTrue(r.refusal().contains("organization(s) beta") && r.refusal().contains("nothing was published"), r.refusal());
            assertTrue(GitCli.run(base.resolve("srv/alpha.git"), "rev-parse", "--verify", "-q", "refs/heads/main").exitCode() != 0,
                    "nothing pushed to alpha");
            assertFalse(Files.exists(base.resolve("state/beta")), "no key of beta kept");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
