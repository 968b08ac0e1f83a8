package io.orca.app;

import io.orca.publish.PublishOptions;
import io.orca.publish.PublishReport;
import io.orca.publish.PublishStatus;
import io.orca.publish.RepositoryReport;
import io.orca.secrets.AgeKeyPair;
import io.orca.testing.GitCli;
import io.orca.testing.GitHttpBackendServer;
import io.orca.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** orca publish end to end: network.yaml → generated, sealed trees → commits on real Git remotes on loopback. */
class PublishServiceTest {
    private static final String TOKEN = "s3cret-token-4242";

    private static PublishService.Result publish(Path base, byte[] yaml, boolean dryRun, Map<String, String> env) {
        PublishOptions options = PublishOptions.defaults(base.resolve("cache")).withDryRun(dryRun);
        return PublishService.publish(new PublishService.Request("network.yaml", yaml, base, base.resolve("state"), options,
                false, new CredentialResolver(env::get)));
    }

    private static String example() throws Exception {
        return Files.readString(Project.dir().resolve("examples/besu-two-orgs.yaml"));
    }

    @Test
    void theExamplePublishesToItsEmbeddedRepositoriesOnceAndIsIdempotent(@TempDir Path base) throws Exception {
        byte[] yaml = example().getBytes(StandardCharsets.UTF_8);
        PublishService.Result first = publish(base, yaml, false, Map.of());
        assertNull(first.refusal());
        assertEquals(PublishReport.EXIT_OK, first.report().exitCode());
        assertTrue(first.report().repositories().stream().allMatch(r -> r.status() == PublishStatus.COMMITTED));
        Path alpha = base.resolve(".orca/git/alpha.git");
        assertEquals(1, GitCli.commitCount(alpha, "main"));
        assertTrue(GitCli.files(alpha, "main").contains("releases/dev/alpha-bes/alpha-validator-1.yaml"));

        PublishService.Result again = publish(base, yaml, false, Map.of());
        assertTrue(again.report().repositories().stream().allMatch(r -> r.status() == PublishStatus.UNCHANGED));
        assertEquals(1, GitCli.commitCount(alpha, "main"), "an unchanged network makes no commit");

        // No private key generated for the network is anywhere in the repositories' history.
        String history = GitCli.git(alpha, "log", "-p", "--all") + GitCli.git(base.resolve(".orca/git/beta.git"), "log", "-p", "--all");
        List<String> keys = privateValues(base.resolve("state"));
        assertEquals(6, countFiles(base.resolve("state")));
        assertFalse(keys.isEmpty());
        for (String k : keys) assertFalse(history.contains(k), "a private key reached Git");

        // A removed member: its files go in the same commit as the change.
        String smaller = example().replaceAll("(?s)          - validator:\n            name: validator-4\n.*?port: 9545 }\n", "");
        assertFalse(smaller.equals(example()), "fixture edit applied");
        PublishService.Result removed = publish(base, smaller.getBytes(StandardCharsets.UTF_8), false, Map.of());
        RepositoryReport r = removed.report().repositories().stream().filter(x -> x.url().endsWith("alpha.git")).findFirst().orElseThrow();
        assertEquals(PublishStatus.COMMITTED, r.status());
        assertFalse(GitCli.files(alpha, "main").contains("releases/dev/alpha-bes/alpha-validator-4.yaml"));
        assertEquals(2, GitCli.commitCount(alpha, "main"));
    }

    @Test
    void publishesOverSmartHttpWithAReferencedTokenAndDiffReportsChanges(@TempDir Path base) throws Exception {
        AgeKeyPair key = AgeKeyPair.generate();
        try (GitHttpBackendServer server = GitHttpBackendServer.startWithBasicAuth(base.resolve("srv"), "bot", TOKEN)) {
            server.createBareRepository("alpha.git", "main");
            String yaml = example()
                    .replace("  docker:\n", "  secrets:\n    age_recipients: [\"" + key.recipient() + "\"]\n  docker:\n")
                    .replace("      external_url_suffix: alpha.example.test\n", """
                              external_url_suffix: alpha.example.test
                              gitops:
                                git_url: %s
                                username: bot
                                password: ${env:GIT_TOKEN}
                                email: bot@example.test
                        """.formatted(server.url("alpha.git")));
            byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
            PublishService.Result dry = publish(base, bytes, true, Map.of("GIT_TOKEN", TOKEN));
            assertEquals(PublishReport.EXIT_WOULD_CHANGE, dry.report().exitCode(), dry.report().render(false));
            PublishService.Result done = publish(base, bytes, false, Map.of("GIT_TOKEN", TOKEN));
            assertEquals(PublishReport.EXIT_OK, done.report().exitCode(), done.report().render(false));
            Path remote = base.resolve("srv/alpha.git");
            List<String> files = GitCli.files(remote, "main");
            assertTrue(files.contains("releases/dev/flux-dev/gotk-sync.yaml"));
            assertTrue(files.contains("releases/dev/flux-dev/flux-dev.sops.yaml"), "Flux's Git credentials, encrypted");
            String history = GitCli.git(remote, "log", "-p", "--all");
            assertFalse(history.contains(TOKEN), "the token never reaches the remote");
            assertTrue(GitCli.git(remote, "log", "-1", "--format=%an <%ae>").contains("bot <bot@example.test>"));
            // Nothing changed: dry run says 0.
            assertEquals(PublishReport.EXIT_OK, publish(base, bytes, true, Map.of("GIT_TOKEN", TOKEN)).report().exitCode());

            // A wrong token: a clear failure, no token in the message, nothing pushed.
            String head = GitCli.head(remote, "main");
            PublishService.Result wrong = publish(base, yaml.replace("validator-4", "validator-5").getBytes(StandardCharsets.UTF_8),
                    false, Map.of("GIT_TOKEN", "not-the-token"));
            String message = wrong.refusal() != null ? wrong.refusal() : wrong.report().render(false);
            assertTrue(message.toLowerCase().contains("authentication"), message);
            assertFalse(message.contains("not-the-token"));
            assertEquals(head, GitCli.head(remote, "main"));
        }
    }

    @Test
    void refusesToPublishSecretsToARemoteWithoutRecipients(@TempDir Path base) throws Exception {
        try (GitHttpBackendServer server = GitHttpBackendServer.start(base.resolve("srv"))) {
            server.createBareRepository("alpha.git", "main");
            String yaml = example().replace("      external_url_suffix: alpha.example.test\n", """
                          external_url_suffix: alpha.example.test
                          gitops:
                            git_url: %s
                            username: bot
                            password: plain
                    """.formatted(server.url("alpha.git")));
            PublishService.Result r = publish(base, yaml.getBytes(StandardCharsets.UTF_8), false, Map.of());
            assertNotNull(r.refusal());
            assertTrue(r.refusal().contains("age_recipients") && r.refusal().contains("orca secrets keygen"), r.refusal());
            assertTrue(GitCli.run(base.resolve("srv/alpha.git"), "rev-parse", "--verify", "-q", "refs/heads/main").exitCode() != 0,
                    "nothing pushed");
        }
    }

    private static List<String> privateValues(Path state) throws Exception {
        try (Stream<Path> s = Files.walk(state)) {
            return s.filter(p -> p.toString().endsWith(".json")).flatMap(p -> {
                try {
                    var n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(p));
                    var out = new java.util.ArrayList<String>();
                    n.path("data").fields().forEachRemaining(e -> {
                        if (!n.path("public").has(e.getKey())) out.add(e.getValue().asText());
                    });
                    return out.stream();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }).toList();
        }
    }

    private static int countFiles(Path state) throws Exception {
        try (Stream<Path> s = Files.walk(state)) {
            return (int) s.filter(p -> p.toString().endsWith(".json")).count();
        }
    }
}
