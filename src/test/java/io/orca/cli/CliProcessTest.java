package io.orca.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orca.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CLI conventions that need a process of their own (docs/cli.md): Ctrl-C and SIGTERM stop a command while Helm's
 * engine renders (regression: an interrupted {@code orca template} ran to the end and exited 0, helm-java's Go side
 * having taken SIGINT over), leave no temporary file, and an interrupted publish leaves repositories that the next
 * publish completes; JSON outputs of the commands that write parse; the ORCA_* variables set the common options.
 * Each child runs io.orca.cli.Main on the test classpath through {@code env --default-signal}: a child started from a
 * background job inherits SIGINT ignored, which a JVM (rightly) keeps.
 */
class CliProcessTest {
    private record Run(int exit, String out, String err) {
    }

    private static ProcessBuilder orca(Path sandbox, Map<String, String> env, String... args) throws IOException {
        for (String d : List.of("home", "tmp", "work")) Files.createDirectories(sandbox.resolve(d));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT,TERM", java, "-XX:TieredStopAtLevel=1",
                "-Duser.home=" + sandbox.resolve("home"), "-Djava.io.tmpdir=" + sandbox.resolve("tmp"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(sandbox.resolve("work").toFile());
        pb.environment().put("HOME", sandbox.resolve("home").toString());
        for (String v : List.of("XDG_CACHE_HOME", "ORCA_CHARTS", "ORCA_OUTPUT", "ORCA_STATE_DIR", "ORCA_WORK_DIR", "ORCA_PROGRESS")) {
            pb.environment().remove(v);
        }
        pb.environment().putAll(env);
        return pb;
    }

    private static Run run(ProcessBuilder pb) throws Exception {
        Path err = Files.createTempFile("orca-test", ".err");
        try {
            Process p = pb.redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(240, TimeUnit.SECONDS), "orca did not finish");
            return new Run(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** The example with {@code members} more member organizations (copies of beta): enough releases to interrupt. */
    static String bigNetwork(int members) throws IOException {
        String yaml = Files.readString(Project.dir().resolve("examples/besu-two-orgs.yaml"));
        int at = yaml.indexOf("    - organization:\n      name: beta");
        String beta = yaml.substring(at);
        StringBuilder sb = new StringBuilder(yaml);
        for (int i = 1; i <= members; i++) {
            String m = String.format("m%03d", i);
            sb.append(beta.replace("name: beta", "name: " + m).replace("beta.example.test", m + ".example.test")
                    .replace("O=Beta", "O=" + m));
        }
        return sb.toString();
    }

    /** Waits until the child's stderr (in {@code errFile}) holds {@code text}, or fails. */
    private static void awaitText(Path errFile, String text, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (Files.exists(errFile) && Files.readString(errFile).contains(text)) return;
            assertTrue(p.isAlive(), "orca ended before '" + text + "': " + Files.readString(errFile));
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + text + "' within 180 s: " + Files.readString(errFile));
    }

    private static Run interrupt(ProcessBuilder pb, Path errFile, String when, String signal) throws Exception {
        Process p = pb.redirectError(errFile.toFile()).start();
        awaitText(errFile, when, p);
        // Past the first Helm call's signal registration and the guard's next reclaim (Interrupts.RECLAIM_MS).
        Thread.sleep(200);
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "orca did not stop on SIG" + signal + ": " + Files.readString(errFile));
        return new Run(p.exitValue(), out, Files.readString(errFile));
    }

    private static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).toList();
        }
    }

    @Test
    void templateStopsOnCtrlCWhileHelmRenders(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("work"));
        Files.writeString(tmp.resolve("work/network.yaml"), bigNetwork(80));
        ProcessBuilder pb = orca(tmp, Map.of("ORCA_PROGRESS", "plain"), "template", "network.yaml", "--out", "out");
        // The first release rendered: helm-java's Go side has registered its signal handler by then.
        Run r = interrupt(pb, tmp.resolve("err.txt"), "releases rendered", "INT");
        assertEquals(130, r.exit(), r.err());
        assertTrue(r.err().strip().endsWith("orca: interrupted"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(java.util.regex.Pattern.compile("orca: (\\d+)/\\1 releases rendered").matcher(r.err()).find(),
                "it ran to the end: " + r.err());
        assertEquals(List.of(), files(tmp.resolve("tmp")), "temporary files left behind");
    }

    @Test
    void sigtermStopsATemplateWithExit143(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("work"));
        Files.writeString(tmp.resolve("work/network.yaml"), bigNetwork(80));
        ProcessBuilder pb = orca(tmp, Map.of("ORCA_PROGRESS", "plain"), "template", "network.yaml", "--out", "out");
        Run r = interrupt(pb, tmp.resolve("err.txt"), "releases rendered", "TERM");
        assertEquals(143, r.exit(), r.err());
        assertFalse(java.util.regex.Pattern.compile("orca: (\\d+)/\\1 releases rendered").matcher(r.err()).find(),
                "it ran to the end: " + r.err());
        assertTrue(r.err().strip().endsWith("orca: terminated"), r.err());
        assertEquals(List.of(), files(tmp.resolve("tmp")), "temporary files left behind");
    }

    @Test
    void anInterruptedPublishIsCompletedByTheNextOne(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("work"));
        Files.writeString(tmp.resolve("work/network.yaml"), bigNetwork(24));
        Map<String, String> env = Map.of("ORCA_PROGRESS", "plain", "ORCA_WORK_DIR", tmp.resolve("cache").toString());
        Run first = interrupt(orca(tmp, env, "publish", "network.yaml"), tmp.resolve("err1.txt"), "repositories to publish", "INT");
        assertEquals(130, first.exit(), first.err());
        assertTrue(first.err().strip().endsWith("orca: interrupted"), first.err());
        Run second = run(orca(tmp, env, "publish", "network.yaml", "-o", "json"));
        assertEquals(0, second.exit(), second.err());
        JsonNode report = new ObjectMapper().readTree(second.out());
        assertEquals(26, report.path("repositories").size(), second.out());
        for (JsonNode repo : report.path("repositories")) {
            assertTrue(List.of("committed", "unchanged").contains(repo.path("status").asText()), repo.toString());
            Process fsck = new ProcessBuilder("git", "--git-dir", repo.path("url").asText(), "fsck", "--no-progress")
                    .redirectErrorStream(true).start();
            String said = new String(fsck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, fsck.waitFor(), repo.path("url").asText() + ": " + said);
        }
        Run third = run(orca(tmp, env, "diff", "network.yaml", "-o", "json"));
        assertEquals(0, third.exit(), third.err());
        assertTrue(new ObjectMapper().readTree(third.out()).path("dryRun").asBoolean(), third.out());
    }

    @Test
    void jsonOutputsOfPublishDiffAndSecretsCheckParseAndOrcaVariablesSetTheOptions(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("work"));
        Files.copy(Project.dir().resolve("examples/besu-two-orgs.yaml"), tmp.resolve("work/network.yaml"));
        ObjectMapper json = new ObjectMapper();
        Map<String, String> env = Map.of("ORCA_OUTPUT", "json", "ORCA_STATE_DIR", tmp.resolve("state").toString(),
                "ORCA_WORK_DIR", tmp.resolve("cache").toString());
        Run diff = run(orca(tmp, env, "diff", "network.yaml"));
        assertEquals(3, diff.exit(), diff.err());
        JsonNode d = json.readTree(diff.out());
        assertTrue(d.path("dryRun").asBoolean());
        assertEquals(3, d.path("exitCode").asInt());
        assertEquals("would_change", d.path("repositories").path(0).path("status").asText(), diff.out());
        assertFalse(d.path("repositories").path(0).path("diff").asText().isEmpty());
        assertFalse(diff.err().contains("repositories read"), "progress drawn on a pipe: " + diff.err());

        Run publish = run(orca(tmp, env, "publish", "network.yaml"));
        assertEquals(0, publish.exit(), publish.err());
        JsonNode p = json.readTree(publish.out());
        assertEquals(2, p.path("repositories").size(), publish.out());
        assertEquals("committed", p.path("repositories").path(0).path("status").asText());
        assertTrue(p.path("repositories").path(0).path("files").path("added").size() > 0, publish.out());
        assertTrue(Files.isDirectory(tmp.resolve("state")), "ORCA_STATE_DIR was not used");
        assertTrue(Files.isDirectory(tmp.resolve("cache")), "ORCA_WORK_DIR was not used");
        assertFalse(Files.exists(tmp.resolve("work/.orca/secrets")), "the default state dir was used");

        // A checkout of alpha's repository, checked with its key (made by publish for the embedded repository).
        Path checkout = tmp.resolve("alpha");
        Process clone = new ProcessBuilder("git", "clone", "-q", tmp.resolve("work/.orca/git/alpha.git").toString(), checkout.toString())
                .redirectErrorStream(true).start();
        assertEquals(0, clone.waitFor(), new String(clone.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        Run check = run(orca(tmp, env, "secrets", "check", checkout.toString(), "-i", tmp.resolve("work/.orca/age/alpha.agekey").toString()));
        assertEquals(0, check.exit(), check.out() + check.err());
        JsonNode c = json.readTree(check.out());
        assertEquals(0, c.path("failed").asInt());
        assertEquals(c.path("total").asInt(), c.path("files").size());
        assertTrue(c.path("total").asInt() > 0, check.out());

        // ORCA_OUTPUT=sarif is validate's; plan, which does not know it, prints text.
        Run plan = run(orca(tmp, Map.of("ORCA_OUTPUT", "sarif"), "plan", "network.yaml"));
        assertEquals(0, plan.exit(), plan.err());
        assertTrue(plan.out().startsWith("network besu"), plan.out());
    }
}
