package io.orca.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.orca.diag.Rule;
import io.orca.load.HostileInputs;
import io.orca.testing.Project;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code orca validate} in-process: exit codes, several files, the four output formats, no secrets, no stack traces. */
class ValidateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RULE_IDS = Arrays.stream(Rule.values()).map(Rule::id).collect(Collectors.toSet());
    private static final List<String> FORMATS = List.of("text", "json", "sarif", "github");
    private static final List<String> SECRETS = List.of("hunter2-secret-value", "8675309123", "placeholder-secret-token",
            "flow-secret-value", "url-secret-value", "json-secret-value");

    /** Output of one run. */
    record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Run orca(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
                return Main.run(o, e, args);
            }
        });
        return new Run(code, out.toString(), err.toString());
    }

    static String fixture(String name) {
        return Project.dir().resolve("src/test/resources/fixtures").resolve(name).toString();
    }

    static String cli(String name) {
        return Project.dir().resolve("src/test/resources/cli").resolve(name).toString();
    }

    static final String VALID = fixture("base-besu.yaml");
    static final String WARNING_ONLY = fixture("w002-too-few-validators.yaml");
    static final String INVALID = fixture("e020-duplicate-organization.yaml");
    static final String SECRETS_FILE = cli("secrets.yaml");

    static void noStackTrace(Run r) {
        for (String s : List.of(r.out(), r.err())) {
            assertFalse(Pattern.compile("^\\s+at [\\w.$]+\\(", Pattern.MULTILINE).matcher(s).find(), "stack trace in:\n" + s);
            assertFalse(s.contains("Exception") || s.contains("internal error") || s.contains("Caused by"), "exception in:\n" + s);
        }
    }

    // ---- exit codes

    @Test
    void validFileExitsZero() {
        Run r = orca("validate", VALID);
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("base-besu.yaml: valid"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void warningsAloneExitZero() {
        Run r = orca("validate", WARNING_ONLY);
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("warning ORCA-W002"), r.out());
        assertTrue(r.out().contains("0 errors, 1 warning"), r.out());
    }

    @Test
    void warningsWithStrictExitOne() {
        assertEquals(1, orca("validate", "--strict", WARNING_ONLY).code());
        assertEquals(0, orca("validate", "--strict", VALID).code());
    }

    @Test
    void invalidFileExitsOne() {
        Run r = orca("validate", INVALID);
        assertEquals(1, r.code(), r.all());
        assertTrue(r.out().contains("error ORCA-E020"), r.out());
    }

    @Test
    void missingFileExitsTwo() {
        Run r = orca("validate", "/nonexistent/network.yaml");
        assertEquals(2, r.code());
        assertTrue(r.out().contains("/nonexistent/network.yaml:1:1: error ORCA-E008: cannot read the file: no such file"), r.all());
        noStackTrace(r);
    }

    @Test
    void directoryExitsTwo(@TempDir Path dir) {
        Run r = orca("validate", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.out().contains("error ORCA-E008: cannot read the file: it is a directory"), r.all());
        noStackTrace(r);
    }

    @Test
    void unknownOptionExitsTwo() {
        Run r = orca("validate", "--frobnicate", VALID);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--frobnicate"), r.err());
        noStackTrace(r);
    }

    @Test
    void badFormatExitsTwo() {
        Run r = orca("validate", "--format", "xml", VALID);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown format 'xml'"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void noFileExitsTwo() {
        assertEquals(2, orca("validate").code());
    }

    @Test
    void missingFileAmongValidOnesExitsTwo() {
        Run r = orca("validate", VALID, "/nonexistent/other.yaml");
        assertEquals(2, r.code());
        assertTrue(r.out().contains("/nonexistent/other.yaml:1:1: error ORCA-E008"), r.all());
    }

    @Test
    void unreadableFileExitsTwo(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("secret.yaml"), "network: {}\n");
        if (!f.toFile().setReadable(false) || Files.isReadable(f)) return; // root reads anything
        Run r = orca("validate", f.toString());
        assertEquals(2, r.code());
        noStackTrace(r);
    }

    // ---- several files

    @Test
    void severalFilesAreAllReportedAndTheWorstWins() {
        Run r = orca("validate", VALID, INVALID, WARNING_ONLY);
        assertEquals(1, r.code(), r.all());
        assertTrue(r.out().contains("e020-duplicate-organization.yaml:20:13: error ORCA-E020"), r.out());
        assertTrue(r.out().contains("w002-too-few-validators.yaml:"), r.out());
        assertTrue(r.out().contains("1 error, 1 warning"), r.out());
        assertEquals(0, orca("validate", VALID, WARNING_ONLY).code());
    }

    @Test
    void severalValidFilesAreEachSaidValid() {
        Run r = orca("validate", VALID, fixture("base-besu.yaml"));
        assertEquals(0, r.code());
        assertEquals(2, r.out().lines().filter(l -> l.endsWith(": valid")).count(), r.out());
    }

    // ---- formats

    @Test
    void textHasPositionRuleSourceLineAndCaret() {
        Run r = orca("validate", INVALID);
        List<String> lines = r.out().lines().toList();
        int i = lines.indexOf(INVALID + ":20:13: error ORCA-E020: organization 'alpha' is already defined at line 12");
        assertTrue(i >= 0, r.out());
        assertEquals("        name: alpha   # expect: ORCA-E020", lines.get(i + 1));
        assertEquals("  " + " ".repeat(12) + "^", lines.get(i + 2), "caret under column 13");
        assertTrue(lines.get(i + 3).startsWith("  at: network.organizations[1].name"), lines.get(i + 3));
        assertTrue(lines.get(i + 4).startsWith("  hint: "), lines.get(i + 4));
        Pattern header = Pattern.compile("^(.+):(\\d+):(\\d+): (error|warning) (ORCA-[EW]\\d{3}): (.+)$");
        long headers = lines.stream().filter(l -> header.matcher(l).matches()).count();
        assertEquals(1, headers);
    }

    @Test
    void textCaretIsUnderTheColumnForEveryDiagnostic() {
        Run r = orca("validate", SECRETS_FILE);
        Pattern header = Pattern.compile("^(.+):(\\d+):(\\d+): (error|warning) (ORCA-[EW]\\d{3}): (.+)$");
        List<String> lines = r.out().lines().toList();
        int checked = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = header.matcher(lines.get(i));
            if (!m.matches()) continue;
            assertTrue(RULE_IDS.contains(m.group(5)), lines.get(i));
            String caret = lines.get(i + 2);
            assertEquals(Integer.parseInt(m.group(3)) + 2, caret.length(), "caret of: " + lines.get(i) + "\n" + caret);
            assertTrue(caret.endsWith("^") && caret.substring(0, caret.length() - 1).isBlank(), caret);
            checked++;
        }
        assertTrue(checked >= 10, r.out());
    }

    @Test
    void textShowsAWindowOfAVeryLongLineWithTheCaretInIt(@TempDir Path dir) throws IOException {
        String name = "a" + "_".repeat(5000) + "a";
        Path f = Files.writeString(dir.resolve("long.yaml"), HostileInputs.VALID.replace("name: v3", "name: " + name));
        Run r = orca("validate", f.toString());
        assertEquals(1, r.code(), r.all());
        List<String> lines = r.out().lines().toList();
        int i = 0;
        while (!lines.get(i).contains("error ORCA-E022")) i++;
        String excerpt = lines.get(i + 1);
        String caret = lines.get(i + 2);
        assertTrue(excerpt.length() <= 2 + 240 + 3, excerpt);
        assertTrue(excerpt.endsWith("..."), excerpt);
        assertEquals("name: a_", excerpt.substring(caret.length() - 1 - 6, caret.length() + 1), "caret under the name's first character");
    }

    @Test
    void jsonHasTheDocumentedFields() throws IOException {
        Run r = orca("validate", "--format", "json", VALID, INVALID, WARNING_ONLY);
        assertEquals(1, r.code());
        JsonNode root = JSON.readTree(r.out());
        JsonNode files = root.get("files");
        assertEquals(3, files.size());
        for (JsonNode f : files) {
            for (String k : List.of("file", "sha256", "valid", "diagnostics")) assertTrue(f.has(k), k + " in " + f);
            assertTrue(f.get("sha256").asText().matches("[0-9a-f]{64}"));
        }
        assertTrue(files.get(0).get("valid").asBoolean());
        assertEquals(0, files.get(0).get("diagnostics").size());
        assertFalse(files.get(1).get("valid").asBoolean());
        assertTrue(files.get(2).get("valid").asBoolean(), "warnings leave a file valid");
        JsonNode d = files.get(1).get("diagnostics").get(0);
        assertEquals("ORCA-E020", d.get("rule").asText());
        assertEquals("error", d.get("severity").asText());
        assertEquals(20, d.get("line").asInt());
        assertEquals(13, d.get("column").asInt());
        assertEquals("network.organizations[1].name", d.get("path").asText());
        assertFalse(d.get("message").asText().isEmpty());
        assertTrue(d.has("hint"));
        JsonNode w = files.get(2).get("diagnostics").get(0);
        assertEquals("warning", w.get("severity").asText());
        JsonNode summary = root.get("summary");
        assertEquals(3, summary.get("files").asInt());
        assertEquals(1, summary.get("errors").asInt());
        assertEquals(1, summary.get("warnings").asInt());
    }

    @Test
    void jsonForAValidFileIsStillJson() throws IOException {
        Run r = orca("validate", "--format", "json", VALID);
        assertEquals(0, r.code());
        assertEquals(0, JSON.readTree(r.out()).get("summary").get("errors").asInt());
    }

    @Test
    void sarifIsSarif210Shaped() throws IOException {
        Run r = orca("validate", "--format", "sarif", INVALID, WARNING_ONLY);
        assertEquals(1, r.code());
        JsonNode root = JSON.readTree(r.out());
        assertEquals("2.1.0", root.get("version").asText());
        assertTrue(root.get("$schema").asText().contains("sarif"));
        assertEquals(1, root.get("runs").size());
        JsonNode run = root.get("runs").get(0);
        JsonNode driver = run.get("tool").get("driver");
        assertEquals("orca", driver.get("name").asText());
        Set<String> ruleIds = new HashSet<>();
        for (JsonNode rule : driver.get("rules")) ruleIds.add(rule.get("id").asText());
        assertEquals(RULE_IDS, ruleIds);
        JsonNode results = run.get("results");
        assertEquals(2, results.size());
        for (JsonNode res : results) {
            String id = res.get("ruleId").asText();
            assertTrue(ruleIds.contains(id));
            assertEquals(id, driver.get("rules").get(res.get("ruleIndex").asInt()).get("id").asText(), "ruleIndex points at its rule");
            assertTrue(List.of("error", "warning", "note").contains(res.get("level").asText()));
            assertFalse(res.get("message").get("text").asText().isEmpty());
            JsonNode phys = res.get("locations").get(0).get("physicalLocation");
            assertTrue(phys.get("artifactLocation").get("uri").asText().endsWith(".yaml"));
            assertTrue(phys.get("region").get("startLine").asInt() >= 1);
            assertTrue(phys.get("region").get("startColumn").asInt() >= 1);
        }
        JsonNode first = results.get(0);
        assertEquals("ORCA-E020", first.get("ruleId").asText());
        assertEquals("error", first.get("level").asText());
        assertEquals(20, first.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt());
        assertEquals(13, first.get("locations").get(0).get("physicalLocation").get("region").get("startColumn").asInt());
        assertEquals("warning", results.get(1).get("level").asText());
    }

    /** Validates against the SARIF 2.1.0 JSON Schema shipped by npm @microsoft/jest-sarif (see resources/sarif). */
    @TestFactory
    Stream<DynamicTest> sarifValidatesAgainstTheSarif210Schema() throws IOException {
        Schema schema;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("sarif/sarif-2.1.0-rtm.5.json")) {
            assertNotNull(in);
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(JSON.readTree(in));
        }
        List<String[]> inputs = List.of(new String[]{VALID}, new String[]{INVALID, WARNING_ONLY}, new String[]{SECRETS_FILE},
                new String[]{cli("json-secret.yaml")}, new String[]{INFO_ONLY});
        return inputs.stream().map(files -> DynamicTest.dynamicTest(String.join(" ", files).replaceAll(".*/", ""), () -> {
            List<String> args = new ArrayList<>(List.of("validate", "--format", "sarif"));
            args.addAll(List.of(files));
            Run r = orca(args.toArray(String[]::new));
            List<Error> problems = schema.validate(JSON.readTree(r.out()));
            assertEquals(List.of(), problems);
        }));
    }

    @Test
    void sarifSchemaCopyCatchesABrokenLog() throws IOException {
        Schema schema;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("sarif/sarif-2.1.0-rtm.5.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(JSON.readTree(in));
        }
        assertFalse(schema.validate(JSON.readTree("{\"version\": \"2.0.0\", \"runs\": []}")).isEmpty());
        assertFalse(schema.validate(JSON.readTree("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {}}}]}")).isEmpty());
    }

    @Test
    void githubHasOneWorkflowCommandPerDiagnostic() {
        Run r = orca("validate", "--format", "github", INVALID, WARNING_ONLY);
        assertEquals(1, r.code());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        Pattern cmd = Pattern.compile("^::(error|warning) file=([^,]+),line=(\\d+),col=(\\d+),title=(ORCA-[EW]\\d{3})::(.+)$");
        for (String l : lines) assertTrue(cmd.matcher(l).matches(), l);
        assertTrue(lines.get(0).startsWith("::error file=" + INVALID.replace(":", "%3A") + ",line=20,col=13,title=ORCA-E020::organization 'alpha'"),
                lines.get(0));
        assertTrue(lines.get(1).startsWith("::warning file="), lines.get(1));
        assertTrue(lines.get(0).contains("%0A"), "hint on an escaped second line: " + lines.get(0));
    }

    @Test
    void githubForAValidFilePrintsNothing() {
        Run r = orca("validate", "--format", "github", VALID);
        assertEquals(0, r.code());
        assertEquals("", r.out());
    }

    static final String INFO_ONLY = fixture("i001-besu-unused-keys.yaml");

    /** Issue 16: infos (a key of Bevel's that Orca does not use) never fail, not even with --strict, in every format. */
    @Test
    void infosNeverChangeTheExitCode() {
        for (String format : FORMATS) {
            assertEquals(0, orca("validate", "--format", format, INFO_ONLY).code(), format);
            assertEquals(0, orca("validate", "--strict", "--format", format, INFO_ONLY).code(), format + " --strict");
        }
        assertEquals(1, orca("validate", "--strict", INFO_ONLY, WARNING_ONLY).code(), "the warning still fails --strict");
    }

    @Test
    void textPrintsProblemsBeforeInfos(@TempDir Path dir) throws IOException {
        String yaml = Files.readString(Path.of(INFO_ONLY)).replace("name: v4", "name: V4");
        Run r = orca("validate", Files.writeString(dir.resolve("n.yaml"), yaml).toString());
        assertEquals(1, r.code(), r.all());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).contains(": error ORCA-E022: "), "the error comes first, before the infos above it: " + lines.get(0));
        assertTrue(lines.get(5).contains(": info ORCA-I001: "), r.out());
        assertEquals("1 error, 0 warnings, 8 infos", lines.get(lines.size() - 1));
    }

    @Test
    void infosShowInEveryFormat() throws IOException {
        Run text = orca("validate", INFO_ONLY);
        List<String> lines = text.out().lines().toList();
        Pattern header = Pattern.compile("^(.+):(\\d+):(\\d+): info (ORCA-I001): '([a-z_]+)' is Bevel's, accepted but not used by Orca: .+$");
        assertEquals(8, lines.stream().filter(l -> header.matcher(l).matches()).count(), text.out());
        int vault = lines.indexOf(lines.stream().filter(l -> l.contains("'vault'")).findFirst().orElseThrow());
        assertEquals("  at: network.organizations[0].vault", lines.get(vault + 1), "no source excerpt for an info");
        assertEquals("  hint: also at 1 more place", lines.get(vault + 2));
        assertEquals("0 errors, 0 warnings, 8 infos", lines.get(lines.size() - 2));
        assertTrue(lines.get(lines.size() - 1).endsWith("i001-besu-unused-keys.yaml: valid"));

        JsonNode json = JSON.readTree(orca("validate", "--format", "json", INFO_ONLY).out());
        assertTrue(json.at("/files/0/valid").asBoolean());
        assertEquals("info", json.at("/files/0/diagnostics/0/severity").asText());
        assertEquals(8, json.at("/summary/infos").asInt());
        assertEquals(0, json.at("/summary/warnings").asInt());

        JsonNode sarif = JSON.readTree(orca("validate", "--format", "sarif", INFO_ONLY).out());
        for (JsonNode res : sarif.at("/runs/0/results")) assertEquals("note", res.get("level").asText());
        JsonNode rules = sarif.at("/runs/0/tool/driver/rules");
        for (JsonNode rule : rules) {
            if (rule.get("id").asText().equals("ORCA-I001")) assertEquals("note", rule.at("/defaultConfiguration/level").asText());
        }

        List<String> github = orca("validate", "--format", "github", INFO_ONLY).out().lines().toList();
        assertEquals(8, github.size());
        for (String l : github) assertTrue(l.startsWith("::notice file=") && l.contains("title=ORCA-I001::"), l);
    }

    @Test
    void formatNamesAreCaseInsensitive() {
        assertEquals(1, orca("validate", "--format", "JSON", INVALID).code());
    }

    // ---- secrets

    @TestFactory
    Stream<DynamicTest> noSecretValueInAnyFormat() {
        List<String> files = List.of(SECRETS_FILE, cli("json-secret.yaml"));
        return FORMATS.stream().map(format -> DynamicTest.dynamicTest(format, () -> {
            List<String> args = new ArrayList<>(List.of("validate", "--format", format));
            args.addAll(files);
            Run r = orca(args.toArray(String[]::new));
            assertEquals(1, r.code(), r.all());
            assertTrue(r.out().length() > 500, "the fixture has many diagnostics:\n" + r.out());
            for (String secret : SECRETS) assertFalse(r.all().contains(secret), format + " output shows '" + secret + "':\n" + r.all());
            noStackTrace(r);
        }));
    }

    @Test
    void secretsFixtureReportsTheErrorsAroundTheSecrets() {
        Run r = orca("validate", "--format", "json", SECRETS_FILE);
        for (String id : List.of("ORCA-E003", "ORCA-E022", "ORCA-E026", "ORCA-E027", "ORCA-E029", "ORCA-W001", "ORCA-W005")) {
            assertTrue(r.out().contains("\"" + id + "\""), id + " in\n" + r.out());
        }
    }

    /** The values of cli/inline-secrets.yaml: block, quoted, flow, on the line below the key, PEM blocks, folded. */
    private static final List<String> INLINE_SECRETS = List.of("docker-inline-secret-1", "aws-inline-secret-2",
            "aws-inline-secret-3", "vault-inline-secret-4", "git-inline-secret-5", "pem-inline-secret-6",
            "geth-inline-secret-7", "pem-inline-secret-8", "geth-inline-secret-9", "-----BEGIN");
    /** How each format names a diagnostic's rule once per diagnostic. */
    private static final java.util.Map<String, Pattern> W005_PER_FORMAT = java.util.Map.of(
            "text", Pattern.compile("warning ORCA-W005:"), "json", Pattern.compile("\"rule\" : \"ORCA-W005\""),
            "sarif", Pattern.compile("\"ruleId\" : \"ORCA-W005\""), "github", Pattern.compile("title=ORCA-W005::"));

    @TestFactory
    Stream<DynamicTest> inlineSecretWarningsNeverShowTheSecret() {
        return FORMATS.stream().map(format -> DynamicTest.dynamicTest(format, () -> {
            Run r = orca("validate", "--format", format, cli("inline-secrets.yaml"));
            assertEquals(0, r.code(), "inline secrets are warnings:\n" + r.all());
            assertEquals(9, W005_PER_FORMAT.get(format).matcher(r.out()).results().count(), "one ORCA-W005 per secret:\n" + r.out());
            for (String secret : INLINE_SECRETS) assertFalse(r.all().contains(secret), format + " output shows '" + secret + "':\n" + r.all());
            assertTrue(r.out().contains("${env:"), "the hint shows how to reference the value:\n" + r.out());
            noStackTrace(r);
        }));
    }

    // ---- hostile inputs through the CLI

    @TestFactory
    Stream<DynamicTest> hostileInputsNeverShowAStackTrace(@TempDir Path dir) {
        return HostileInputs.all().values().stream().flatMap(c -> FORMATS.stream().map(format ->
                DynamicTest.dynamicTest(c.name() + " " + format, () -> {
                    Path f = dir.resolve(c.name() + ".yaml");
                    if (!Files.exists(f)) Files.write(f, c.bytes());
                    Run r = orca("validate", "--format", format, f.toString());
                    assertEquals(1, r.code(), c.name() + ": " + r.err());
                    noStackTrace(r);
                    assertTrue(r.out().contains(c.ruleId()), c.name() + " " + format + ": expected " + c.ruleId());
                    // Issue 10, by class: no secret of the input and no raw control character reaches any format.
                    assertFalse(r.all().contains(HostileInputs.SECRET_MARKER), c.name() + " " + format + " printed a secret");
                    for (int i = 0; i < r.all().length(); i++) {
                        char ch = r.all().charAt(i);
                        assertFalse(ch != '\n' && ch != '\t' && io.orca.diag.Printable.isUnsafe(ch),
                                c.name() + " " + format + " printed U+" + Integer.toHexString(ch) + " raw");
                    }
                    if (format.equals("text")) {
                        for (String l : r.out().lines().filter(l -> l.startsWith("  ") && !l.startsWith("  at: ") && !l.startsWith("  hint: ")).toList()) {
                            assertTrue(l.length() <= 2 + 3 + 240 + 3, c.name() + ": excerpt line of " + l.length() + " chars");
                        }
                    }
                })));
    }
}
