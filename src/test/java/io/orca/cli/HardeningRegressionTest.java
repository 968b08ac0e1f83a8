package io.orca.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orca.app.CredentialResolver;
import io.orca.app.GenerateService;
import io.orca.app.LocalMaterialStore;
import io.orca.diag.Diagnostic;
import io.orca.diag.Rule;
import io.orca.load.HostileInputs;
import io.orca.load.InputFiles;
import io.orca.load.YamlLoader;
import io.orca.model.ModelBinder;
import io.orca.model.Network;
import io.orca.model.Redaction;
import io.orca.model.Secret;
import io.orca.model.SecretKeys;
import io.orca.publish.GitTarget;
import io.orca.render.Generated;
import io.orca.validate.ValidationService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.orca.cli.ValidateCommandTest.Run;
import static io.orca.cli.ValidateCommandTest.noStackTrace;
import static io.orca.cli.ValidateCommandTest.orca;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression tests for the input-side findings of issue 10 (hostile and unusual input); each is named after its bug.
 * The classes of these bugs are covered further by HostileInputTest, PatternBacktrackingTest and FuzzTest.
 */
class HardeningRegressionTest {
    // A hang guard, not a benchmark: generous enough for a loaded 2-core CI machine (speed lives in bench/).
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** HostileInputs.VALID (one organization, four validators) with a gitops section before its services. */
    static String withGitops(String... gitopsLines) {
        StringBuilder b = new StringBuilder("      gitops:\n");
        for (String l : gitopsLines) b.append("        ").append(l).append('\n');
        return HostileInputs.VALID.replace("      services:\n", b + "      services:\n");
    }

    static ValidationService.Report validate(String yaml) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> ValidationService.validate("n.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Diagnostic> of(ValidationService.Report r, Rule rule) {
        return r.diagnostics().stream().filter(d -> d.ruleId().equals(rule.id())).toList();
    }

    static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    static void assertNoneContains(String text, String... secrets) {
        for (String s : secrets) assertFalse(text.contains(s), "'" + s + "' printed in:\n" + text);
    }

    // ---- 1. credentials in URLs

    /**
     * {@code git_url: https://user:password@host/repo.git} validated without a word; the password was printed by plan
     * (text and json), diff and publish --dry-run, and committed in flux-<env>/gotk-sync.yaml. Now ORCA-E031 at its
     * line, with the URL masked in the message and the excerpt of every format.
     */
    @Test
    void gitUrlUserinfoIsADiagnosticAndRedacted(@TempDir Path dir) throws IOException {
        String yaml = withGitops("git_url: \"https://bot:hunter2-in-url@git.example.test/a.git\"", "username: bot",
                "password: \"${env:GIT_TOKEN}\"", "release_dir: releases/dev");
        ValidationService.Report r = validate(yaml);
        List<Diagnostic> d = of(r, Rule.URL_CREDENTIALS);
        assertEquals(1, d.size(), r.diagnostics().toString());
        assertEquals(18, d.get(0).position().line());
        assertEquals("network.organizations[0].gitops.git_url", d.get(0).path());
        assertTrue(d.get(0).message().contains("https://bot:***@git.example.test/a.git"), d.get(0).message());
        assertTrue(d.get(0).hint().contains("username") && d.get(0).hint().contains("${env:ALPHA_GITOPS_PASSWORD}"), d.get(0).hint());
        Path file = write(dir, "n.yaml", yaml);
        for (String format : List.of("text", "json", "sarif", "github")) {
            Run run = orca("validate", "--format", format, file.toString());
            assertEquals(1, run.code(), run.all());
            assertTrue(run.out().contains(Rule.URL_CREDENTIALS.id()), run.out());
            assertNoneContains(run.all(), "hunter2-in-url");
        }
        for (String[] args : List.of(new String[] {"plan", file.toString()}, new String[] {"plan", "--format", "json", file.toString()},
                new String[] {"diff", file.toString()}, new String[] {"publish", "--dry-run", file.toString()},
                new String[] {"generate", file.toString(), "--out", dir.resolve("out").toString()})) {
            Run run = orca(args);
            assertEquals(1, run.code(), String.join(" ", args) + ": " + run.all());
            assertNoneContains(run.all(), "hunter2-in-url");
            noStackTrace(run);
        }
        assertFalse(Files.exists(dir.resolve("out")), "nothing generated from an invalid file");
    }

    /** The class: any URL of network.yaml, not only git_url; an ssh user alone is a name, not a credential. */
    @Test
    void credentialsInAnyUrlAreADiagnostic() {
        assertTrue(Redaction.hasCredentials("https://ghp_TOKEN@github.com/acme/ops.git"), "a token as the user");
        assertTrue(Redaction.hasCredentials("oci://u:p@registry.example.test/charts"));
        assertTrue(Redaction.hasCredentials("ssh://git:pw@host/x.git"), "an ssh password");
        assertTrue(Redaction.hasCredentials("bot:pw@git.example.test/x.git"), "git_repo without a scheme");
        assertFalse(Redaction.hasCredentials("ssh://git@host/x.git"));
        assertFalse(Redaction.hasCredentials("git@github.com:acme/ops.git"));
        assertFalse(Redaction.hasCredentials("https://git.example.test/a@b.git"), "an '@' in the path");
        assertFalse(Redaction.hasCredentials("enode://0abc@10.0.0.1:30303"), "a node's public key is no credential");
        String chart = withGitops("git_url: \"https://git.example.test/a.git\"", "username: bot", "password: \"${env:T}\"",
                "chart_repository: { type: oci, url: \"oci://robot:tok@registry.example.test/charts\" }");
        assertEquals(1, of(validate(chart), Rule.URL_CREDENTIALS).size());
        String ssh = withGitops("git_url: \"ssh://git@git.example.test/a.git\"", "private_key: ~/.ssh/id");
        assertEquals(List.of(), of(validate(ssh), Rule.URL_CREDENTIALS));
    }

    /**
     * Even if a URL with credentials got past validation (a future code path, the publish API), no printer or
     * generated file shows them: Flux's GitRepository, HelmRepository and OCIRepository URLs carry none (Flux logs in
     * with the secretRef's Secret), the notification address neither, and every printed form masks them.
     */
    @Test
    void everyPrinterAndGeneratedFileRedactsUrlCredentials(@TempDir Path dir) throws IOException {
        String yaml = withGitops("git_url: \"https://bot:hunter2-in-url@git.example.test/a.git\"", "username: bot",
                "password: plain-git-password", "release_dir: releases/dev",
                "chart_repository: { type: helm, url: \"https://robot:chart-tok@charts.example.test/besu\" }")
                .replace("  organizations:", "  flux:\n    notifications:\n      provider: { type: generic, address: \"https://hook:hook-tok@hooks.example.test/x\" }\n  organizations:")
                .replace("  config:", "  secrets:\n    age_recipients: [" + io.orca.secrets.AgeKeyPair.generate().recipient() + "]\n  config:");
        ValidationService.Report r = validate(yaml);
        assertEquals(3, of(r, Rule.URL_CREDENTIALS).size(), r.diagnostics().toString());
        // Plan and render it anyway, as if validation had let it through.
        ValidationService.Report passed = new ValidationService.Report(r.load(), List.of());
        GenerateService.Outcome o = GenerateService.generate(io.orca.app.PlanningService.plan(passed,
                        io.orca.app.PlanningService.Request.preview(new LocalMaterialStore(dir.resolve("state"))).withRandom(Generated.seeded(3))),
                io.orca.app.GitOpsOutput.Options.inMemory(), new ArrayList<>());
        assertTrue(o.ok(), o.diagnostics().toString());
        StringBuilder all = new StringBuilder();
        o.trees().forEach(t -> t.files().values().forEach(all::append));
        String sync = o.trees().get(0).files().get("releases/dev/flux-dev/gotk-sync.yaml");
        assertTrue(sync.contains("url: https://git.example.test/a.git"), sync);
        assertTrue(sync.contains("secretRef:"), "credentials go through the secretRef: " + sync);
        assertTrue(all.toString().contains("url: https://charts.example.test/besu"), "HelmRepository without credentials");
        assertTrue(all.toString().contains("address: https://hooks.example.test/x"), "notification address without credentials");
        assertNoneContains(all.toString(), "hunter2-in-url", "chart-tok", "hook-tok", "robot", "plain-git-password");
        // What plan, diff and publish print goes through these.
        assertEquals("https://bot:***@git.example.test/a.git", Redaction.url("https://bot:hunter2@git.example.test/a.git"));
        assertEquals("https://***@github.com/a.git", Redaction.url("https://ghp_TOKEN@github.com/a.git"));
        assertEquals("ssh://git@host/a.git", Redaction.url("ssh://git@host/a.git"));
        assertEquals("push to https://***@github.com/a.git rejected; see https://bot:***@h/b",
                Redaction.text("push to https://ghp_TOKEN@github.com/a.git rejected; see https://bot:pw@h/b"));
        GitTarget target = GitTarget.of("https://ghp_TOKEN@github.com/a.git", "main");
        assertNoneContains(target.displayUrl() + target, "ghp_TOKEN");
        // Linear over any text: no regular expression.
        String huge = "a".repeat(2_000_000) + "://" + "b".repeat(2_000_000) + "@x";
        assertTimeoutPreemptively(HANG_GUARD, () -> Redaction.text(huge));
    }

    // ---- 3. integers

    /**
     * {@code config.chain_id: 18446744073709551621} validated and generated {@code "chainId": 5}; 9223372036854775808
     * gave "internal error". Now ORCA-E013 at the line (the schema bounds chain_id by EIP-2294's maximum).
     */
    @Test
    void chainIdBeyondSixtyFourBitsWrapsOrCrashes(@TempDir Path dir) throws IOException {
        // (SnakeYAML reads a plain scalar of over 1,024 characters as a string: the schema then says so, ORCA-E012.)
        for (String id : List.of("18446744073709551621", "9223372036854775808", "9223372036854775772", "0", "-1",
                "1" + "0".repeat(1000), "0x" + "f".repeat(1000), "-0b" + "1".repeat(1000))) {
            String yaml = HostileInputs.VALID.replace("    consensus: qbft\n", "    consensus: qbft\n    chain_id: " + id + "\n");
            ValidationService.Report r = validate(yaml);
            List<Diagnostic> d = of(r, Rule.INVALID_VALUE);
            assertEquals(1, d.size(), id + ": " + r.diagnostics());
            assertEquals(9, d.get(0).position().line(), id);
            assertEquals("network.config.chain_id", d.get(0).path());
            Run run = orca("generate", write(dir, "c.yaml", yaml).toString(), "--out", dir.resolve("out").toString());
            assertEquals(1, run.code(), run.all());
            noStackTrace(run);
        }
        String max = HostileInputs.VALID.replace("    consensus: qbft\n", "    consensus: qbft\n    chain_id: 9223372036854775771\n");
        assertEquals(List.of(), validate(max).diagnostics());
    }

    /** Every other integer of the class: tolerationSeconds past 2^31 was cut to an int by ModelBinder. */
    @Test
    void tolerationSecondsBeyondAnIntWrapped() {
        String yaml = HostileInputs.VALID.replace("        config_file: /kube/config\n", """
                        config_file: /kube/config
                        tolerations:
                          - { key: edge, operator: Exists, effect: NoExecute, tolerationSeconds: 4294967297 }
                """);
        ValidationService.Report r = validate(yaml);
        assertEquals(List.of(), r.diagnostics());
        Network n = ModelBinder.bind((io.orca.load.YMap) r.document().orElseThrow(), r.load().source());
        assertEquals(4294967297L, n.organizations().get(0).k8s().tolerations().get(0).tolerationSeconds().orElseThrow());
        String over = yaml.replace("4294967297", "9223372036854775808");
        assertEquals(1, of(validate(over), Rule.INVALID_VALUE).size());
    }

    /** Flux intervals are Go durations: "99999999999h" passed the schema's pattern and would be refused by Flux. */
    @Test
    void durationBeyondGoDurationPassed() {
        for (String d : List.of("99999999999h", "2562048h", "9223372036855s", "1" + "0".repeat(300) + "ms")) {
            String yaml = HostileInputs.VALID.replace("  organizations:", "  flux:\n    interval: " + d + "\n  organizations:");
            ValidationService.Report r = validate(yaml);
            assertTrue(of(r, Rule.INVALID_VALUE).stream().anyMatch(x -> x.path().equals("network.flux.interval")), d + ": " + r.diagnostics());
        }
        String ok = HostileInputs.VALID.replace("  organizations:", "  flux:\n    interval: 2562047h\n    timeout: 1h30m\n  organizations:");
        assertEquals(List.of(), validate(ok).diagnostics());
    }

    // ---- 4. regular expressions

    /**
     * The schema's Corda Enterprise emailAddress pattern {@code ^\S+@\S+\.\S+$} took 10 s on a 2,000-character value
     * that does not match (cubic backtracking) and over 40 s at 5,000. Rewritten without overlapping repetitions;
     * PatternBacktrackingTest covers every pattern.
     */
    @Test
    void emailAddressPatternBacktracksCubically() {
        String doc = """
                network:
                  type: corda-enterprise
                  version: "4.7"
                  env: { type: dev, proxy: ambassador }
                  organizations:
                    - organization:
                      name: alpha
                      type: node
                      services:
                        peers:
                          - peer:
                            name: p1
                            emailAddress: "VALUE"
                """;
        for (String v : List.of("@".repeat(5_000), "a@".repeat(2_500), "a@b" + ".".repeat(100_000))) {
            ValidationService.Report r = validate(doc.replace("VALUE", v));
            assertTrue(r.diagnostics().stream().anyMatch(d -> d.path().endsWith("emailAddress")), r.diagnostics().toString());
        }
        ValidationService.Report fine = validate(doc.replace("VALUE", "dev@bevel.example.com"));
        assertTrue(fine.diagnostics().stream().noneMatch(d -> d.path().endsWith("emailAddress")), fine.diagnostics().toString());
    }

    /**
     * Found by PatternBacktrackingTest: Java's regex engine recurses once per repetition of a group, so a 100 KB
     * value such as {@code a.a.a...} in a host, path, registry or version, or {@code A_A_A...} as a secret (the
     * placeholder check), overflowed the stack: "internal error". Group repetitions are now bounded.
     */
    @Test
    void longRepetitiveValueOverflowsTheRegexStack() {
        String dotted = "a.".repeat(60_000) + "a";
        for (String yaml : List.of(
                HostileInputs.VALID.replace("  config:", "  docker:\n    url: " + dotted + "\n  config:"),
                HostileInputs.VALID.replace("    proxy: none", "    proxy: none\n    retry_count: 5\n  flux:\n    interval: " + "1m".repeat(60_000)),
                withGitops("git_url: \"https://git.example.test/a.git\"", "username: bot", "password: " + "A_".repeat(30_000) + "A"))) {
            ValidationService.Report r = validate(yaml);
            assertTrue(r.document().isPresent(), r.diagnostics().toString());
            assertTrue(r.diagnostics().stream().noneMatch(d -> d.message().contains("too large or deep")), r.diagnostics().toString());
        }
    }

    // ---- 6. special files

    /** {@code orca validate FIFO} blocked forever (reading a pipe with no writer); now ORCA-E008 at once. */
    @Test
    void validateOfAFifoBlocksForever(@TempDir Path dir) throws Exception {
        Path fifo = mkfifo(dir.resolve("fifo"));
        Run r = orca("validate", fifo.toString());
        assertEquals(2, r.code(), r.all());
        assertTrue(r.out().contains("error ORCA-E008: cannot read the file: it is not a regular file"), r.out());
        Run plan = orca("plan", fifo.toString());
        assertTrue(plan.err().contains("is not a regular file"), plan.all());
        noStackTrace(plan);
    }

    /** {@code orca validate /dev/zero} grew to 4.7 GB and ended in an OutOfMemoryError stack trace. */
    @Test
    void validateOfDevZeroRunsOutOfMemory() {
        Run r = orca("validate", "--format", "json", "/dev/zero");
        assertEquals(2, r.code(), r.all());
        assertTrue(r.out().contains("\"rule\" : \"ORCA-E008\""), r.out());
        noStackTrace(r);
        Run s = orca("secrets", "check", ".", "-i", "/dev/zero");
        assertEquals(2, s.code(), s.all());
        assertTrue(s.err().contains("cannot read age key file /dev/zero: is not a regular file"), s.all());
        noStackTrace(s);
    }

    /** {@code ${file:/dev/zero}} and {@code ${file:FIFO}} as credentials: the same, through the resolver. */
    @Test
    void fileCredentialFromDevZeroOrFifoHangs(@TempDir Path dir) throws Exception {
        Path fifo = mkfifo(dir.resolve("cred"));
        CredentialResolver resolver = new CredentialResolver(Map.<String, String>of()::get);
        for (String ref : List.of("${file:/dev/zero}", "${file:" + fifo + "}", "${file:" + dir + "}")) {
            var e = assertThrows(CredentialResolver.UnresolvedCredentialException.class,
                    () -> assertTimeoutPreemptively(HANG_GUARD, () -> resolver.resolve(Secret.of(ref), "gitops.password")));
            assertTrue(e.getMessage().contains("is not a regular file") || e.getMessage().contains("is a directory"), e.getMessage());
        }
        assertThrows(CredentialResolver.UnresolvedCredentialException.class,
                () -> resolver.resolvePath(Secret.of(fifo.toString()), "gitops.private_key"));
    }

    /**
     * The size cap is checked before reading, and the read itself is bounded: a file whose size lies (procfs reports
     * 0 for /proc/self/status) or that grows after the check still cannot exceed the cap.
     */
    @Test
    void fileGrowingAfterTheSizeCheckIsReadWhole() throws Exception {
        Path status = Path.of("/proc/self/status");
        assertEquals(0, Files.size(status), "procfs reports no size");
        var e = assertThrows(InputFiles.UnreadableFileException.class, () -> InputFiles.read(status, 100));
        assertTrue(e.reason().contains("grew past the limit"), e.reason());
        assertTrue(InputFiles.read(status, 1 << 20).length > 100);
    }

    private static Path mkfifo(Path p) throws Exception {
        Process proc = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
        assertEquals(0, proc.waitFor(), new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        return p;
    }

    // ---- 12. inputs that validated but failed later as "internal error"

    /** release_dir releases/dev/.., a/../b, releases/dev/., releases/.GIT, "releases/.git ", NUL, newline. */
    @Test
    void releaseDirSegmentsAndControlCharactersFailedLater(@TempDir Path dir) throws IOException {
        for (String rd : List.of("releases/dev/..", "a/../b", "releases/dev/.", "releases/.GIT", "\"releases/.git \"",
                "\"releases/dev\\0\"", "\"releases/dev\\n\"", "releases//dev", "\"releases/.g\\u200cit\"", "git~1/x")) {
            String yaml = withGitops("git_url: /srv/git/a.git", "release_dir: " + rd);
            ValidationService.Report r = validate(yaml);
            assertTrue(r.diagnostics().stream().anyMatch(d -> d.position().line() == 19
                            && (d.ruleId().equals(Rule.PATH_ESCAPES_REPOSITORY.id()) || d.ruleId().equals(Rule.CONTROL_CHARACTER.id()))),
                    rd + ": " + r.diagnostics());
            Run run = orca("generate", write(dir, "r.yaml", yaml).toString(), "--out", dir.resolve("out").toString());
            assertEquals(1, run.code(), run.all());
            noStackTrace(run);
        }
        for (String url : List.of("\"/srv/git/a.git\\0\"", "\"https://git.example.test/a.git\\n\"")) {
            ValidationService.Report r = validate(withGitops("git_url: " + url, "username: bot", "password: \"${env:T}\""));
            assertEquals(1, of(r, Rule.CONTROL_CHARACTER).size(), url + ": " + r.diagnostics());
        }
        assertEquals(List.of(), validate(withGitops("git_url: /srv/git/a.git", "release_dir: ./releases/dev/")).diagnostics());
    }

    /** --out naming a file or /dev/null, --state-dir naming a file: internal errors; now usage errors (exit 2). */
    @Test
    void outOrStateDirNamingAFileIsAnInternalError(@TempDir Path dir) throws IOException {
        Path network = write(dir, "n.yaml", HostileInputs.VALID);
        Path file = write(dir, "file", "x");
        List<String[]> runs = List.of(
                new String[] {"generate", network.toString(), "--out", file.toString()},
                new String[] {"generate", network.toString(), "--out", "/dev/null"},
                new String[] {"generate", network.toString(), "--out", file.resolve("sub").toString()},
                new String[] {"template", network.toString(), "--out", "/dev/null"},
                new String[] {"plan", network.toString(), "--state-dir", file.toString()},
                new String[] {"generate", network.toString(), "--out", dir.resolve("o").toString(), "--state-dir", file.toString()},
                new String[] {"publish", network.toString(), "--dry-run", "--work-dir", file.toString()});
        for (String[] args : runs) {
            Run r = orca(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.all());
            assertTrue(r.err().contains("is not a folder"), r.err());
            noStackTrace(r);
        }
    }

    /**
     * A SOPS file whose metadata holds {@code encrypted_regex: "("} (or a number where a string belongs) made
     * decryption throw PatternSyntaxException / ClassCastException: internal error. Now a clear error of that file.
     */
    @Test
    void sopsEncryptedRegexThatDoesNotCompileIsAnInternalError(@TempDir Path dir) throws IOException {
        io.orca.secrets.AgeKeyPair key = io.orca.secrets.AgeKeyPair.generate();
        String plain = "apiVersion: v1\nkind: Secret\nmetadata:\n    name: s\nstringData:\n    password: x\n";
        String encrypted = io.orca.secrets.Sops.encrypt(plain, List.of(key.recipient()));
        Path keyFile = dir.resolve("k.agekey");
        key.writeKeyFile(keyFile);
        for (String bad : List.of("encrypted_regex: \"(\"", "encrypted_regex: 5")) {
            String broken = encrypted.replaceFirst("encrypted_regex: .*", java.util.regex.Matcher.quoteReplacement(bad));
            assertTrue(broken.contains(bad), broken);
            var e = assertThrows(io.orca.secrets.SecretsException.class, () -> io.orca.secrets.Sops.decrypt(broken, List.of(key.identity())));
            assertTrue(e.getMessage().contains("malformed sops metadata"), e.getMessage());
            Path tree = Files.createDirectories(dir.resolve("tree-" + bad.length()));
            write(tree, "s.sops.yaml", broken);
            Run r = orca("secrets", "check", tree.toString(), "-i", keyFile.toString());
            assertEquals(1, r.code(), r.all());
            assertTrue(r.out().contains("malformed sops metadata"), r.out());
            noStackTrace(r);
        }
    }

    // ---- 13. credential size

    /**
     * A 1 MB {@code ${file:}} credential made generate take 11.8 s (4 MB: over 25 s): every Secret's manifest is
     * re-parsed by SnakeYAML, whose reader is quadratic over one long token. Credentials are now capped at 64 KiB
     * (inline: ORCA-E007 at the value; referenced: a refusal naming the file), and long values are set aside
     * before SnakeYAML parses (SopsYamlTest#longValueIsQuadraticInSnakeYaml).
     */
    @Test
    void megabyteCredentialMakesSealingQuadratic(@TempDir Path dir) throws IOException {
        Path big = write(dir, "big.txt", "x".repeat(1_000_000));
        CredentialResolver resolver = new CredentialResolver(Map.of("BIG", "y".repeat(70_000))::get);
        var e = assertThrows(CredentialResolver.UnresolvedCredentialException.class,
                () -> resolver.resolve(Secret.of("${file:" + big + "}"), "gitops.password"));
        assertTrue(e.getMessage().contains("is 976.6 KiB; the limit is 64 KiB"), e.getMessage());
        var env = assertThrows(CredentialResolver.UnresolvedCredentialException.class,
                () -> resolver.resolve(Secret.of("${env:BIG}"), "gitops.password"));
        assertTrue(env.getMessage().contains("larger than a credential may be (64 KiB)"), env.getMessage());
        assertFalse(env.getMessage().contains("yyy"));
        String inline = withGitops("git_url: \"https://git.example.test/a.git\"", "username: bot", "password: " + "z".repeat(70_000));
        ValidationService.Report r = validate(inline);
        List<Diagnostic> d = of(r, Rule.INPUT_LIMIT);
        assertEquals(1, d.size(), r.diagnostics().toString());
        assertEquals("network.organizations[0].gitops.password", d.get(0).path());
        assertEquals(20, d.get(0).position().line());
        Path exactly = write(dir, "cap.txt", "c".repeat(64 * 1024));
        assertEquals(64 * 1024, resolver.resolve(Secret.of("${file:" + exactly + "}"), "p").reveal().length());
    }

    // ---- 15. terminal escapes and misspelt secret keys

    /**
     * Text excerpts printed ESC and BEL from the input raw (terminal escape injection); so did messages quoting a
     * key written with YAML escapes, and a file name. Every human-readable output now shows them escaped.
     */
    @Test
    void controlCharactersFromTheInputArePrintedRaw(@TempDir Path dir) throws IOException {
        Path raw = write(dir, "raw.yaml", "network:\n  type: \u001b[31mbesu\u0007\n");
        Path escaped = write(dir, "escaped.yaml", HostileInputs.VALID.replace("  env:", "  \"ev\\e]0;pwned\\a\\x9b\\u202e\": 1\n  env:"));
        Path named = write(dir, "name\u001b[2J.yaml", "network: {}\n");
        for (Path p : List.of(raw, escaped, named)) {
            for (String format : List.of("text", "github", "json", "sarif")) {
                Run r = orca("validate", "--format", format, p.toString());
                assertTrue(r.code() == 1, r.all());
                for (char c : new char[] {'\u001b', '\u0007', '\u009b', '\u202e'}) {
                    assertFalse(r.all().indexOf(c) >= 0, format + " of " + p.getFileName() + " printed U+" + Integer.toHexString(c) + ":\n" + r.all());
                }
            }
        }
        Run text = orca("validate", raw.toString());
        assertTrue(text.out().contains("\n    type: \\x1b[31mbesu\\x07\n          ^\n"), "escaped, caret under the ESC:\n" + text.out());
        Run json = orca("validate", "--format", "json", escaped.toString());
        JsonNode diagnostics = JSON.readTree(json.out()).path("files").get(0).path("diagnostics");
        boolean roundTrips = false;
        for (JsonNode d : diagnostics) roundTrips |= d.path("path").asText().contains("\u009b\u202e");
        assertTrue(roundTrips, "json escapes decode to the same text: " + json.out());
    }

    /** A value under a misspelt secret key ({@code passwrd:}) was printed unmasked in the unknown-key excerpt. */
    @Test
    void valueUnderAMisspeltSecretKeyIsPrintedUnmasked(@TempDir Path dir) throws IOException {
        Path file = write(dir, "n.yaml", withGitops("git_url: \"https://git.example.test/a.git\"", "username: bot",
                "passwrd: hunter2-typo", "release_dir: releases/dev",
                "pasword: { value: hunter3-typo }", "db_passwrod: \"hunter4-typo\"", "tokne: hunter5-typo"));
        for (String format : List.of("text", "json", "sarif", "github")) {
            Run r = orca("validate", "--format", format, file.toString());
            assertTrue(r.out().contains("ORCA-E010") || r.out().contains("unknown key"), r.out());
            assertNoneContains(r.all(), "hunter2-typo", "hunter3-typo", "hunter4-typo", "hunter5-typo");
        }
        for (String k : List.of("passwrd", "pasword", "passowrd", "passwords", "tokne", "secert", "db_passwrod", "api_kye"))
            assertTrue(SecretKeys.looksSecret(k), k);
        for (String k : List.of("name", "type", "port", "branch", "username", "version", "release_dir", "key"))
            assertFalse(SecretKeys.looksSecret(k), k);
    }

    // ---- 16. unreadable files among others

    /**
     * {@code orca validate a.yaml missing.yaml} exited 2 with empty stdout: json and sarif output was empty. The
     * unreadable file is now ORCA-E008 of that file, the others are validated, and the exit code is still 2.
     */
    @Test
    void validateOfAMissingFileAmongOthersPrintsNothing() throws IOException {
        String valid = ValidateCommandTest.VALID;
        for (String format : List.of("json", "sarif", "text", "github")) {
            Run r = orca("validate", "--format", format, valid, "/nonexistent/missing.yaml");
            assertEquals(2, r.code(), r.all());
            assertTrue(r.out().contains("ORCA-E008"), r.out());
            if (format.equals("json")) {
                JsonNode files = JSON.readTree(r.out()).path("files");
                assertEquals(2, files.size(), r.out());
                assertTrue(files.get(0).path("valid").asBoolean(), r.out());
                assertEquals("ORCA-E008", files.get(1).path("diagnostics").get(0).path("rule").asText());
                assertTrue(files.get(1).path("sha256").isNull(), "an unread file has no digest: " + r.out());
            }
            if (format.equals("sarif")) assertEquals(1, JSON.readTree(r.out()).path("runs").get(0).path("results").size(), r.out());
        }
    }
}
