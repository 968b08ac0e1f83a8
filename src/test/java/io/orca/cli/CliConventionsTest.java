package io.orca.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orca.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.orca.cli.ValidateCommandTest.orca;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI conventions of docs/cli.md (issue 11): completion scripts name every command, help reaches any depth, every
 * command's help has an example and its exit codes, one exit-code rule for an unreadable FILE, '-' reads stdin, JSON
 * outputs parse, the common options exist everywhere. Ctrl-C and JSON outputs of commands that write are in
 * {@link CliProcessTest} (a process of their own).
 */
class CliConventionsTest {
    static final String EXAMPLE = Project.dir().resolve("examples/besu-two-orgs.yaml").toString();

    /** Every command path of the whole tree: "validate", "secrets keygen", ... */
    static List<String> commandPaths() {
        List<String> out = new ArrayList<>();
        walk(CommandModel.full(), "", out);
        return out;
    }

    private static void walk(CommandLine cl, String prefix, List<String> out) {
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            String path = prefix.isEmpty() ? e.getKey() : prefix + " " + e.getKey();
            out.add(path);
            walk(e.getValue(), path, out);
        }
    }

    @Test
    void bashCompletionCompletesEveryCommandAndSubcommand(@TempDir Path tmp) throws Exception {
        var run = orca("completion", "bash");
        assertEquals(0, run.code(), run.all());
        Path script = tmp.resolve("orca.bash");
        Files.writeString(script, run.out());
        for (String path : commandPaths()) {
            // What bash offers after the path's parent, through the generated completion function itself.
            List<String> words = new ArrayList<>(List.of("orca"));
            String[] parts = path.split(" ");
            for (int i = 0; i < parts.length - 1; i++) words.add(parts[i]);
            words.add("");
            String offered = bash(script, words);
            assertTrue(List.of(offered.split(" ")).contains(parts[parts.length - 1]),
                    "bash completion of '" + String.join(" ", words) + "' lacks " + path + ": " + offered);
        }
        assertTrue(bash(script, List.of("orca", "plan", "--")).contains("--output"), "options are completed too");
        assertTrue(run.out().contains("ZSH_VERSION"), "the script loads bashcompinit under zsh");
        assertEquals(run.out(), orca("completion", "zsh").out());
    }

    private static String bash(Path script, List<String> words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String w : words) array.append('"').append(w).append("\" ");
        String line = String.join(" ", words);
        String cmd = "source " + script + "; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.size() - 1)
                + "; COMP_LINE='" + line + "'; COMP_POINT=" + line.length() + "; _complete_orca; echo \"${COMPREPLY[*]}\"";
        Process p = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void fishCompletionNamesEveryCommandUnderItsParent() {
        var run = orca("completion", "fish");
        assertEquals(0, run.code(), run.all());
        for (String path : commandPaths()) {
            String[] parts = path.split(" ");
            String name = parts[parts.length - 1];
            String condition = parts.length == 1 ? "__fish_use_subcommand" : "__fish_seen_subcommand_from " + parts[0];
            assertTrue(run.out().lines().anyMatch(l -> l.contains(condition) && l.contains(" -a '" + name + "'")),
                    path + " missing from:\n" + run.out());
        }
        assertEquals(2, orca("completion", "tcsh").code());
    }

    @Test
    void helpReachesSubcommands() {
        var keygen = orca("help", "secrets", "keygen");
        assertEquals(0, keygen.code(), keygen.all());
        assertTrue(keygen.out().startsWith("Usage: orca secrets keygen"), keygen.out());
        var unknown = orca("help", "secrets", "keygn");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("keygen"), unknown.err());
    }

    @Test
    void everyCommandsHelpHasAnExampleAndItsExitCodes() {
        for (String path : commandPaths()) {
            List<String> args = new ArrayList<>(List.of(path.split(" ")));
            if (path.equals("help")) continue; // its usage is orca's own
            args.add("--help");
            var run = orca(args.toArray(String[]::new));
            assertEquals(0, run.code(), path + ": " + run.all());
            assertTrue(run.out().contains("Example"), "orca " + path + " --help has no example:\n" + run.out());
            if (!path.equals("secrets")) {
                assertTrue(run.out().contains("Exit codes:"), "orca " + path + " --help has no exit codes:\n" + run.out());
            }
            assertTrue(run.out().contains("--quiet"), "orca " + path + " lacks the common options:\n" + run.out());
        }
        var top = orca("--help");
        for (String env : List.of("ORCA_STATE_DIR", "ORCA_WORK_DIR", "ORCA_OUTPUT", "ORCA_PROGRESS")) {
            assertTrue(top.out().contains(env), env + " missing from orca --help");
        }
    }

    @Test
    void anUnreadableFileIsAUsageErrorForEveryCommand(@TempDir Path tmp) {
        String missing = tmp.resolve("missing.yaml").toString();
        String out = tmp.resolve("out").toString();
        for (String[] args : List.of(new String[]{"validate", missing}, new String[]{"plan", missing},
                new String[]{"generate", missing, "--out", out}, new String[]{"template", missing, "--out", out},
                new String[]{"publish", missing}, new String[]{"diff", missing}, new String[]{"plan", tmp.toString()})) {
            var run = orca(args);
            assertEquals(2, run.code(), String.join(" ", args) + ": " + run.all());
            assertFalse(run.err().contains("Exception"), run.err());
        }
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void dashReadsNetworkYamlFromStdin() throws Exception {
        byte[] yaml = Files.readAllBytes(Path.of(EXAMPLE));
        var validate = withStdin(yaml, "validate", "-");
        assertEquals(0, validate.code(), validate.all());
        assertTrue(validate.out().contains("<stdin>: valid"), validate.out());
        var plan = withStdin(yaml, "plan", "-", "-o", "json");
        assertEquals(0, plan.code(), plan.all());
        assertEquals("alpha", new ObjectMapper().readTree(plan.out()).path("organizations").path(0).path("name").asText(),
                plan.out());
        byte[] typo = new String(yaml, StandardCharsets.UTF_8).replace("external_url_suffix: alpha", "externl_url_suffix: alpha")
                .getBytes(StandardCharsets.UTF_8);
        var invalid = withStdin(typo, "validate", "-");
        assertEquals(1, invalid.code(), invalid.all());
        assertTrue(invalid.out().contains("<stdin>:31:7: error ORCA-E010"), invalid.out());
        assertEquals(2, withStdin(yaml, "validate", "-", "-").code(), "stdin read twice");
    }

    private static ValidateCommandTest.Run withStdin(byte[] input, String... args) {
        Cli.stdin(new ByteArrayInputStream(input));
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
            return new ValidateCommandTest.Run(code, out.toString(), err.toString());
        } finally {
            Cli.stdin(System.in);
        }
    }

    @Test
    void jsonOutputsParse() throws Exception {
        ObjectMapper json = new ObjectMapper();
        var version = orca("version", "-o", "json");
        assertEquals(0, version.code(), version.all());
        assertEquals(VersionCommand.VERSION, json.readTree(version.out()).path("version").asText());
        assertTrue(orca("version").out().startsWith("orca " + VersionCommand.VERSION + "\n"));
        var plan = orca("plan", EXAMPLE, "--output", "json");
        assertEquals(0, plan.code(), plan.all());
        JsonNode p = json.readTree(plan.out());
        assertEquals(2, p.path("organizations").size(), plan.out());
        var validate = orca("validate", "-o", "json", EXAMPLE);
        assertEquals(0, validate.code(), validate.all());
        json.readTree(validate.out());
        var bad = orca("plan", EXAMPLE, "-o", "yaml");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("unknown format 'yaml'; use text, json, mermaid"), bad.err());
    }

    @Test
    void quietDropsNotesButNotData(@TempDir Path tmp) {
        var loud = orca("secrets", "keygen", "alpha", "--orca-dir", tmp.toString());
        assertEquals(0, loud.code(), loud.all());
        assertTrue(loud.err().contains("orca: created"), loud.err());
        var quiet = orca("secrets", "keygen", "alpha", "--orca-dir", tmp.toString(), "-q");
        assertEquals(0, quiet.code(), quiet.all());
        assertEquals("", quiet.err());
        assertEquals(loud.out(), quiet.out(), "the recipient is data");
        assertTrue(orca("secrets", "keygen", "alpha", "--orca-dir", tmp.toString()).err().contains("exists"),
                "--quiet is per run");
    }

    @Test
    void versionIsTheProjectsVersion() throws Exception {
        String pom = Files.readString(Project.dir().resolve("pom.xml"));
        assertTrue(pom.contains("<version>" + VersionCommand.VERSION + "-SNAPSHOT</version>")
                || pom.contains("<version>" + VersionCommand.VERSION + "</version>"), "pom.xml's version is not " + VersionCommand.VERSION);
        var flag = orca("--version");
        assertEquals(orca("version").out(), flag.out());
    }
}
