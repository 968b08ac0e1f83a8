package io.orca.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.orca.load.HostileInputs;
import io.orca.secrets.AgeKeyPair;
import io.orca.testing.GitCli;
import io.orca.testing.GitHttpBackendServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.orca.service.ServiceTestSupport.ADMIN;
import static io.orca.service.ServiceTestSupport.awaitDone;
import static io.orca.service.ServiceTestSupport.example;
import static io.orca.service.ServiceTestSupport.get;
import static io.orca.service.ServiceTestSupport.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Submissions end to end: the running service publishes to a real Git smart-HTTP server on loopback (git
 * http-backend, Basic auth with a token only the server knows), and to its embedded repositories.
 */
@SpringBootTest(classes = ServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ServiceSubmissionTest {
    private static final String GIT_TOKEN = "git-token-only-the-server-knows-5150";
    private static final Path DATA = ServiceTestSupport.dataDir();
    private static GitHttpBackendServer git;
    private static Path remote;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        ServiceTestSupport.properties(r, DATA, Map.of("ORCA_CREDENTIAL_GIT_TOKEN", GIT_TOKEN));
    }

    @BeforeAll
    static void gitServer() throws Exception {
        git = GitHttpBackendServer.startWithBasicAuth(Files.createDirectories(DATA.getParent().resolve(DATA.getFileName() + "-git")),
                "bot", GIT_TOKEN);
        remote = git.createBareRepository("alpha.git", "main");
    }

    @AfterAll
    static void stop() {
        git.close();
    }

    /** The example with alpha's repository on the Git server, its password a reference the service resolves. */
    private static String remoteNetwork(String passwordReference) throws Exception {
        return example()
                .replace("  docker:\n", "  secrets:\n    age_recipients: [\"" + AgeKeyPair.generate().recipient() + "\"]\n  docker:\n")
                .replace("      external_url_suffix: alpha.example.test\n", """
                              external_url_suffix: alpha.example.test
                              gitops:
                                git_url: %s
                                username: bot
                                password: %s
                                email: bot@example.test
                        """.formatted(git.url("alpha.git"), passwordReference));
    }

    @Test
    void aSubmissionIsAcceptedThenPublishedOnceWithItsCommitsAndAudit(CapturedOutput output) throws Exception {
        String yaml = remoteNetwork("${env:ORCA_CREDENTIAL_GIT_TOKEN}");
        List<String> bodies = new ArrayList<>();
        ServiceTestSupport.Response accepted = post(port, "/api/v1/networks/net1/submissions", ADMIN, yaml);
        bodies.add(accepted.body());
        assertEquals(202, accepted.status(), accepted.body());
        String location = accepted.headers().firstValue("Location").orElseThrow();
        String id = accepted.json().path("id").asText();
        assertEquals("/api/v1/networks/net1/submissions/" + id, location);
        assertTrue(List.of("ACCEPTED", "RUNNING").contains(accepted.json().path("state").asText()));

        JsonNode done = awaitDone(port, location, ADMIN);
        bodies.add(done.toString());
        assertEquals("PUBLISHED", done.path("state").asText(), done.toString());
        JsonNode alpha = null;
        for (JsonNode r : done.path("result").path("repositories")) if (r.path("url").asText().endsWith("alpha.git")) alpha = r;
        assertTrue(alpha != null, done.toString());
        assertEquals("COMMITTED", alpha.path("status").asText());
        assertEquals(GitCli.head(remote, "main"), alpha.path("commit").asText(), "the commit the submission reports is the remote's");
        assertTrue(GitCli.files(remote, "main").contains("releases/dev/alpha-bes/alpha-validator-1.yaml"));

        // The same input again is the same submission; nothing new is published.
        ServiceTestSupport.Response again = post(port, "/api/v1/networks/net1/submissions", ADMIN, yaml);
        bodies.add(again.body());
        assertEquals(200, again.status());
        assertEquals(id, again.json().path("id").asText());
        assertEquals(1, GitCli.commitCount(remote, "main"));

        // Dry runs: nothing would change; a change shows its diff; neither pushes.
        ServiceTestSupport.Response same = post(port, "/api/v1/networks/net1/submissions?dryRun=true", ADMIN, yaml);
        bodies.add(same.body());
        assertEquals(200, same.status(), same.body());
        for (JsonNode r : same.json().path("repositories")) assertEquals("UNCHANGED", r.path("status").asText(), same.body());
        ServiceTestSupport.Response changed = post(port, "/api/v1/networks/net1/submissions?dryRun=true", ADMIN,
                yaml.replace("validator-4", "validator-5"));
        bodies.add(changed.body());
        assertEquals(200, changed.status(), changed.body());
        JsonNode diff = null;
        for (JsonNode r : changed.json().path("repositories")) if (r.path("url").asText().endsWith("alpha.git")) diff = r;
        assertEquals("WOULD_CHANGE", diff.path("status").asText());
        assertTrue(diff.path("diff").asText().contains("validator-5"), diff.toString());
        assertEquals(1, GitCli.commitCount(remote, "main"), "a dry run pushes nothing");

        // The audit: who, the input's sha256, the outcome and the commits.
        ServiceTestSupport.Response audit = get(port, "/api/v1/networks/net1/audit", ADMIN);
        bodies.add(audit.body());
        JsonNode records = audit.json();
        assertEquals("accepted", records.get(0).path("outcome").asText());
        assertEquals("published", records.get(1).path("outcome").asText());
        assertEquals("admin", records.get(1).path("actor").asText());
        assertEquals(done.path("sha256").asText(), records.get(1).path("sha256").asText());
        assertTrue(records.get(1).path("commits").asText().contains(GitCli.head(remote, "main")));
        bodies.add(get(port, "/api/v1/networks/net1/submissions", ADMIN).body());

        // The Git token is in no answer, no log line and not in the remote's history.
        for (String b : bodies) assertFalse(b.contains(GIT_TOKEN), b);
        assertFalse(output.getAll().contains(GIT_TOKEN), "the Git token in the log");
        assertFalse(GitCli.git(remote, "log", "-p", "--all").contains(GIT_TOKEN));
        assertTrue(output.getAll().contains("submission " + id + " of network net1: PUBLISHED"), "the service logs the outcome");
    }

    @Test
    void hostileOrInvalidInputIs422WithDiagnosticsAndNothingIsStoredOrPublished(CapturedOutput output) throws Exception {
        int checked = 0;
        for (HostileInputs.Case c : HostileInputs.all().values()) {
            if (c.bytes().length > ServiceSettings.DEFAULT_MAX_BODY_BYTES) {
                // Refused on its declared length, before the body is read (a client may stop sending there).
                assertEquals(413, ServiceTestSupport.statusBeforeBody(port, "/api/v1/networks/hostile/submissions", ADMIN,
                        c.bytes().length), c.name());
                continue;
            }
            ServiceTestSupport.Response r = ServiceTestSupport.send(port, "POST", "/api/v1/networks/hostile/submissions", ADMIN,
                    c.bytes(), "application/yaml");
            assertEquals(422, r.status(), c.name() + ": " + r.body());
            assertTrue(r.contentType().startsWith("application/problem+json"), c.name());
            assertTrue(r.body().contains("\"rule\":\"" + c.ruleId() + "\""), c.name() + ": " + r.body());
            assertFalse(r.body().contains(HostileInputs.SECRET_MARKER), c.name() + ": " + r.body());
            checked++;
        }
        assertTrue(checked > 30, "cases checked: " + checked);
        assertEquals("[]", get(port, "/api/v1/networks/hostile/submissions", ADMIN).body().replace(" ", ""));
        assertFalse(Files.exists(DATA.resolve("networks/hostile")), "nothing written for a refused network");
        assertFalse(output.getAll().contains(HostileInputs.SECRET_MARKER), "a credential from the input in the log");
        JsonNode audit = get(port, "/api/v1/networks/hostile/audit", ADMIN).json();
        assertEquals(checked, audit.size());
        for (JsonNode a : audit) assertEquals("rejected", a.path("outcome").asText());

        // A network name that is not one: 400.
        assertEquals(400, post(port, "/api/v1/networks/Not_A_Name/submissions", ADMIN, example()).status());
    }

    @Test
    void aFileReferenceOrAVariableOutsideThePrefixIsNeverResolved() throws Exception {
        for (String reference : new String[] {"${file:/etc/hostname}", "${env:HOME}"}) {
            ServiceTestSupport.Response r = post(port, "/api/v1/networks/refs/submissions?dryRun=true", ADMIN, remoteNetwork(reference));
            assertEquals(422, r.status(), r.body());
            assertEquals("https://orca.dev/problems/refused", r.json().path("type").asText());
            String detail = r.json().path("detail").asText();
            assertTrue(detail.contains(reference.startsWith("${file") ? "file references are not resolved" : "HOME is not set"), detail);
        }
    }

    @Test
    void submissionsOfOneNetworkRunOneAtATimeInOrder() throws Exception {
        List<String> locations = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            // A value alpha's validator-1 release carries (a commit happens only when a repository's own releases change).
            String yaml = example().replaceFirst("rpc: \\{ port: 8545 }", "rpc: { port: 855" + i + " }");
            ServiceTestSupport.Response r = post(port, "/api/v1/networks/serial/submissions", ADMIN, yaml);
            assertEquals(202, r.status(), r.body());
            locations.add(r.headers().firstValue("Location").orElseThrow());
        }
        List<JsonNode> done = new ArrayList<>();
        for (String l : locations) done.add(awaitDone(port, l, ADMIN));
        for (int i = 0; i < 3; i++) assertEquals("PUBLISHED", done.get(i).path("state").asText(), done.get(i).toString());
        for (int i = 1; i < 3; i++) {
            OffsetDateTime previousEnd = OffsetDateTime.parse(done.get(i - 1).path("finishedAt").asText());
            OffsetDateTime start = OffsetDateTime.parse(done.get(i).path("startedAt").asText());
            assertFalse(start.isBefore(previousEnd), "submission " + (i + 1) + " started before " + i + " finished");
        }
        // Each one a commit on the network's embedded repository, the last one's content on top.
        Path alpha = DATA.resolve("networks/serial/.orca/git/alpha.git");
        assertEquals(3, GitCli.commitCount(alpha, "main"));
        String release = java.util.Arrays.stream(GitCli.git(alpha, "ls-tree", "-r", "--name-only", "main").split("\n"))
                .filter(f -> f.endsWith("/alpha-validator-1.yaml")).findFirst().orElseThrow();
        for (int back = 0; back < 3; back++) {
            String content = GitCli.git(alpha, "show", "main~" + back + ":" + release);
            assertTrue(content.contains("855" + (3 - back)), "newest first: commit main~" + back + " holds submission "
                    + (3 - back) + "'s port\n" + content);
        }
        assertNotEquals(done.get(0).path("sha256"), done.get(1).path("sha256"));
    }
}
