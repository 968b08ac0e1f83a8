package io.orca.load;

import io.orca.diag.Rule;
import io.orca.model.Names;
import io.orca.schema.Suggest;
import io.orca.validate.ValidationService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Regression tests for bugs the hostile-input and fuzz tests found; each is named after its bug. */
class RegressionTest {
    // A hang guard, not a benchmark: generous enough for a loaded 2-core CI machine (speed lives in bench/).
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    /**
     * Names.toDnsLabel trimmed '-' with the regex "^-+|-+$", which backtracks quadratically over a run of '-' inside a
     * name: an organization named "a" + 200,000 '-' + "a" (not a DNS label, so its hint calls toDnsLabel) hung
     * validation for minutes.
     */
    @Test
    void dnsLabelHintOnLongRunOfDashesIsQuadratic() {
        String name = "a" + "-".repeat(200_000) + "a";
        String label = assertTimeoutPreemptively(HANG_GUARD, () -> Names.toDnsLabel(name));
        assertEquals(name, label);
        assertEquals("abc", Names.toDnsLabel("--ABC--"));
        assertEquals("a-b", Names.toDnsLabel("__a__b__"));
        assertEquals("name", Names.toDnsLabel("---"));
        String yaml = HostileInputs.VALID.replace("name: alpha", "name: " + name);
        ValidationService.Report r = assertTimeoutPreemptively(HANG_GUARD,
                () -> ValidationService.validate("dashes.yaml", HostileInputs.utf8(yaml)));
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.ruleId().equals(Rule.NOT_DNS_LABEL.id())), r.diagnostics().toString());
    }

    /**
     * SnakeYAML's StreamReader copies its buffer for every 1,024 characters of one token, so a single line of n
     * characters costs O(n^2 / 1024): about 1 s for 1 MB and a minute for a line of 8 MB (under the size limit).
     * The loader now refuses lines longer than YamlLoader.MAX_LINE_CHARS with ORCA-E007, before parsing.
     */
    @Test
    void singleVeryLongLineIsQuadraticInSnakeYaml() {
        byte[] eightMegabyteLine = HostileInputs.utf8("network:\n  type: " + "x".repeat(8_000_000) + "\n");
        LoadResult r = assertTimeoutPreemptively(HANG_GUARD, () -> YamlLoader.load("line.yaml", eightMegabyteLine));
        assertEquals(1, r.diagnostics().size(), r.diagnostics().toString());
        assertEquals(Rule.INPUT_LIMIT.id(), r.diagnostics().get(0).ruleId());
        assertEquals(new io.orca.diag.Position(2, YamlLoader.MAX_LINE_CHARS + 1), r.diagnostics().get(0).position());
        // A line just under the limit still loads.
        String ok = "network:\n  type: " + "x".repeat(YamlLoader.MAX_LINE_CHARS - 10) + "\n";
        LoadResult fine = assertTimeoutPreemptively(HANG_GUARD, () -> YamlLoader.loadText("ok.yaml", ok));
        assertEquals(List.of(), fine.diagnostics());
    }

    /**
     * Suggest.closest computed the full edit distance of an unknown key against every known key: an explicit key
     * ("? key") of 200,000 characters cost 200,000 x length per candidate, seconds over the schema's few hundred
     * property names. Candidates whose length differs by more than the limit are now skipped (same answers).
     */
    @Test
    void didYouMeanOnHugeUnknownKeyIsQuadratic() {
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < 500; i++) candidates.add("property_name_" + i);
        String huge = "k".repeat(200_000);
        assertNull(assertTimeoutPreemptively(HANG_GUARD, () -> Suggest.closest(huge, candidates)));
        assertEquals("git_url", Suggest.closest("git_ulr", List.of("git_url", "git_protocol", "branch")));
        assertEquals("besu", Suggest.closest("bessu", List.of("fabric", "besu", "quorum")));
        assertNull(Suggest.closest("x", List.of("fabric", "besu")));
    }

    /**
     * The text format's source excerpt masked secret values only on block lines ({@code password: x}): a secret in a
     * flow mapping ({@code gitops: { ..., password: x }}) or in a one-line JSON file was printed in full whenever a
     * diagnostic pointed at that line. Flow values are now masked with as many '*' (columns stay right).
     */
    @Test
    void secretInFlowMappingShownInExcerpt() {
        assertEquals("    password: ***", io.orca.model.SecretKeys.maskLine("    password: hunter2"));
        assertEquals("  - token: ***", io.orca.model.SecretKeys.maskLine("  - token: hunter2"));
        assertEquals("gitops: { username: bot, password: *******, release_dir: \"..\" }",
                io.orca.model.SecretKeys.maskLine("gitops: { username: bot, password: hunter2, release_dir: \"..\" }"));
        assertEquals("{\"password\": \"*******\"}".replace("\"*******\"", "*********"),
                io.orca.model.SecretKeys.maskLine("{\"password\": \"hunter2\"}"));
        assertEquals("{ git_password: '*****''**' }".replace("'*****''**'", "***********"),
                io.orca.model.SecretKeys.maskLine("{ git_password: 'hun''ter2' }"));
        assertEquals("{ a: 1, passphrase: ***, b: 2 }".replace("***", "*******"),
                io.orca.model.SecretKeys.maskLine("{ a: 1, passphrase: hunter2, b: 2 }"));
        String unrelated = "gitops: { username: bot, branch: main }   # password: see vault";
        assertEquals(unrelated.length(), io.orca.model.SecretKeys.maskLine(unrelated).length());
        assertTrue(io.orca.model.SecretKeys.maskLine(unrelated).startsWith("gitops: { username: bot, branch: main }"));
        String longLine = "{ password: \"" + "x".repeat(200_000);
        assertTimeoutPreemptively(HANG_GUARD, () -> io.orca.model.SecretKeys.maskLine(longLine));
    }

    /**
     * A secret written on the line below its key ({@code password:} then the value, indented) was printed in full by
     * the text format's excerpt of any diagnostic at the value (ORCA-W005, E012, E013): the line does not name the
     * key. The excerpt of a diagnostic whose path is a secret's now masks from the value's column; lines that name
     * the key, and excerpts at a key, are unchanged.
     */
    @Test
    void secretValueBelowItsKeyShownInExcerpt() {
        String path = "network.organizations[0].gitops.password";
        assertEquals("          ***", io.orca.model.SecretKeys.maskExcerpt("          hunter2", path, 11));
        assertEquals("          ***", io.orca.model.SecretKeys.maskExcerpt("          \"https://bot:hunter2@host\"", path, 11));
        assertEquals("        password: ***", io.orca.model.SecretKeys.maskExcerpt("        password: hunter2", path, 19));
        assertEquals("gitops: { password: *******, branch: main }",
                io.orca.model.SecretKeys.maskExcerpt("gitops: { password: hunter2, branch: main }", path, 21));
        assertEquals("        password:", io.orca.model.SecretKeys.maskExcerpt("        password:", path, 9), "at the key");
        assertEquals("      gitops:", io.orca.model.SecretKeys.maskExcerpt("      gitops:", path, 7), "at a key");
        assertEquals("          hunter2", io.orca.model.SecretKeys.maskExcerpt("          hunter2", "network.env.type", 11),
                "not a secret's path");
    }

    /**
     * ORCA-E027 and ORCA-E029 quoted git_url and git_repo in full, so a token written into the URL
     * ({@code https://bot:TOKEN@host/repo.git}) appeared in every output format. URLs in messages are now redacted,
     * and the text format's excerpt masks a URL's password too.
     */
    @Test
    void tokenInGitUrlShownInMessages() {
        assertEquals("https://bot:***@git.example.test/a.git", io.orca.model.GitUrls.redact("https://bot:TOKEN@git.example.test/a.git"));
        assertEquals("https://***@git.example.test/a.git", io.orca.model.GitUrls.redact("https://TOKEN@git.example.test/a.git"));
        assertEquals("https://git.example.test/a@b.git", io.orca.model.GitUrls.redact("https://git.example.test/a@b.git"));
        assertEquals("git@github.com:acme/ops.git", io.orca.model.GitUrls.redact("git@github.com:acme/ops.git"));
        assertEquals("    git_url: \"https://bot:***@host/x.git\"",
                io.orca.model.SecretKeys.maskLine("    git_url: \"https://bot:TOKEN@host/x.git\""));
        String yaml = HostileInputs.VALID.replace("      services:", String.join("\n",
                "      gitops:",
                "        git_protocol: ssh",
                "        git_url: \"https://bot:TOKEN-VALUE@git.example.test/a.git\"",
                "        git_repo: \"https://bot:TOKEN-VALUE@git.example.test/b.git\"",
                "        release_dir: r",
                "        chart_source: c",
                "      services:"));
        ValidationService.Report r = ValidationService.validate("url.yaml", HostileInputs.utf8(yaml));
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.ruleId().equals(Rule.GIT_PROTOCOL_MISMATCH.id())), r.diagnostics().toString());
        for (var d : r.diagnostics()) assertTrue(!(d.message() + d.hint()).contains("TOKEN-VALUE"), d.toString());
        String repo = yaml.replace("        git_protocol: ssh", "        username: bot\n        password: \"${env:T}\"");
        ValidationService.Report r2 = ValidationService.validate("url.yaml", HostileInputs.utf8(repo));
        assertTrue(r2.diagnostics().stream().anyMatch(d -> d.ruleId().equals(Rule.GIT_REPO_MISMATCH.id())), r2.diagnostics().toString());
        for (var d : r2.diagnostics()) assertTrue(!(d.message() + d.hint()).contains("TOKEN-VALUE"), d.toString());
    }

    /**
     * Found by FuzzTest (seed 104372539625761, input 2701) once the real schema landed: a YAML float .nan or .inf
     * (e.g. {@code git_protocol: .nan}) went to networknt as a Jackson NaN/Infinity number, and its enum and range
     * keywords threw NumberFormatException from BigDecimal: validate threw instead of reporting.
     */
    @Test
    void nanOrInfinityValueCrashesSchemaValidation() {
        for (String value : List.of(".nan", ".NaN", ".inf", "-.inf", "+.Inf")) {
            for (String key : List.of("    proxy: ", "    type: ")) {
                String yaml = HostileInputs.VALID.replace(key + (key.contains("proxy") ? "none" : "dev"), key + value);
                ValidationService.Report r = ValidationService.validate("nan.yaml", HostileInputs.utf8(yaml));
                assertTrue(r.diagnostics().stream().anyMatch(d -> d.path().startsWith("network.env")), value + ": " + r.diagnostics());
            }
            String port = HostileInputs.VALID.replace("p2p: { port: 30303 }", "p2p: { port: " + value + " }");
            ValidationService.Report r = ValidationService.validate("nan.yaml", HostileInputs.utf8(port));
            assertTrue(r.hasErrors(), value + ": " + r.diagnostics());
        }
    }

    /**
     * Found by FuzzTest (seed 104372539625761, inputs 17690, 86526, ...): SnakeYAML counts a lone CR (and NEL, LS,
     * PS) as a line break, but SourceFile.line() split only on LF/CRLF, so after a lone CR the text format printed
     * the wrong source line under a diagnostic (and positions could lie past the last line it knew). The loader's own
     * positions (invalid UTF-8, control characters, the line-length limit) counted LF only as well.
     */
    @Test
    void loneCarriageReturnShiftsExcerptLine() {
        String dup = HostileInputs.VALID.replace("name: v2", "name: v1");
        for (String br : List.of("\r", "\u2028", "\u0085")) {
            String yaml = dup.replace("\n", br);
            ValidationService.Report r = ValidationService.validate("cr.yaml", HostileInputs.utf8(yaml));
            assertEquals(1, r.diagnostics().size(), r.diagnostics().toString());
            var d = r.diagnostics().get(0);
            assertEquals(new io.orca.diag.Position(24, 19), d.position());
            assertEquals("            name: v1", r.load().source().line(24));
        }
        String crlf = dup.replace("\n", "\r\n");
        assertEquals("            name: v1", io.orca.diag.SourceFile.ofText("x", crlf).line(24));
        byte[] latin1 = HostileInputs.concat(HostileInputs.utf8("network:\r  type: besu\r\n  name: caf"), new byte[]{(byte) 0xE9});
        assertEquals(new io.orca.diag.Position(3, 12), YamlLoader.load("l.yaml", latin1).diagnostics().get(0).position());
        // A file with CR line ends is not one long line.
        String many = "network:\r" + "  # comment\r".repeat(30_000);
        assertTrue(YamlLoader.loadText("many.yaml", many).diagnostics().stream().noneMatch(x -> x.ruleId().equals(Rule.INPUT_LIMIT.id())));
    }
}
