package io.orca.cli;

import io.orca.testing.GitHttpBackendServer;
import io.orca.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Read-only commands write nothing: {@code orca plan} and {@code orca diff} run in a JVM of their own, in an empty
 * working folder, with an empty home and an empty temporary folder, leave every one of them as it was; {@code orca
 * generate} and {@code orca template} write only under {@code --out}. Each run is a real {@code orca} process
 * (io.orca.cli.Main on the test classpath), so the cache, the state folder and the age keys are where a user has them.
 */
class ReadOnlyCommandsTest {
    private record Run(int exit, String output) {
    }

    /** Runs orca in {@code cwd} with HOME and java.io.tmpdir under {@code sandbox}; returns its exit code and output. */
    private static Run orca(Path sandbox, Path cwd, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Duser.home=" + sandbox.resolve("home"), "-Djava.io.tmpdir=" + sandbox.resolve("tmp"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().put("HOME", sandbox.resolve("home").toString());
        pb.environment().remove("XDG_CACHE_HOME");
        pb.environment().remove("ORCA_CHARTS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "orca " + String.join(" ", args) + " did not finish");
        return new Run(p.exitValue(), out);
    }

    private static Path sandbox(Path tmp) throws IOException {
        for (String d : List.of("home", "tmp", "work")) Files.createDirectories(tmp.resolve(d));
        Files.copy(Project.dir().resolve("examples/besu-two-orgs.yaml"), tmp.resolve("work/network.yaml"));
        return tmp;
    }

    private static TreeSet<String> everything(Path root) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(p -> out.add(root.relativize(p).toString()));
        }
        return out;
    }

    @Test
    void planInEveryFormatWritesNothing(@TempDir Path tmp) throws Exception {
        Path sandbox = sandbox(tmp);
        TreeSet<String> before = everything(sandbox);
        for (String format : List.of("text", "json", "mermaid")) {
            Run r = orca(sandbox, sandbox.resolve("work"), "plan", "network.yaml", "--format", format);
            assertEquals(0, r.exit(), r.output());
        }
        assertEquals(before, everything(sandbox), "files orca plan left behind");
    }

    @Test
    void diffWritesNothingLocallyNorRemotely(@TempDir Path tmp) throws Exception {
        Path sandbox = sandbox(tmp);
        TreeSet<String> before = everything(sandbox);
        // The embedded local repositories do not exist: diff reads them as empty and creates none of them.
        Run local = orca(sandbox, sandbox.resolve("work"), "diff", "network.yaml");
        assertEquals(3, local.exit(), local.output());
        assertTrue(local.output().contains("WOULD_CHANGE"), local.output());
        assertEquals(before, everything(sandbox), "files orca diff left behind");

        // A remote over smart HTTP, with no cache yet: fetched into a temporary cache that is gone afterwards.
        try (GitHttpBackendServer server = GitHttpBackendServer.start(tmp.resolve("srv"))) {
            server.createBareRepository("alpha.git", "main");
            String recipient = io.orca.secrets.AgeKeyPair.generate().recipient();
            String yaml = Files.readString(sandbox.resolve("work/network.yaml"), StandardCharsets.UTF_8)
                    .replace("  docker:\n", "  secrets:\n    age_recipients: [\"" + recipient + "\"]\n  docker:\n")
                    .replace("      external_url_suffix: alpha.example.test\n", """
                                  external_url_suffix: alpha.example.test
                                  gitops:
                                    git_url: %s
                            """.formatted(server.url("alpha.git")));
            Files.writeString(sandbox.resolve("work/remote.yaml"), yaml, StandardCharsets.UTF_8);
            TreeSet<String> beforeRemote = everything(sandbox);
            TreeSet<String> serverBefore = everything(tmp.resolve("srv"));
            Run remote = orca(sandbox, sandbox.resolve("work"), "diff", "remote.yaml");
            assertEquals(3, remote.exit(), remote.output());
            assertTrue(remote.output().contains("alpha.git"), remote.output());
            assertEquals(beforeRemote, everything(sandbox), "files orca diff left behind");
            assertEquals(serverBefore, everything(tmp.resolve("srv")), "orca diff changed the remote");

            // Issue 14: history and a rollback dry run read the same remote the same way; an unknown REV is a usage error
            Run history = orca(sandbox, sandbox.resolve("work"), "history", "remote.yaml", "-o", "json");
            assertEquals(0, history.exit(), history.output());
            assertTrue(history.output().contains("\"publishes\" : [ ]"), history.output());
            Run rollback = orca(sandbox, sandbox.resolve("work"), "rollback", "remote.yaml", "--to", "abc1234", "--dry-run");
            assertEquals(2, rollback.exit(), rollback.output());
            assertTrue(rollback.output().contains("orca history"), rollback.output());
            assertEquals(beforeRemote, everything(sandbox), "files orca history or rollback --dry-run left behind");
            assertEquals(serverBefore, everything(tmp.resolve("srv")), "orca history changed the remote");
        }
    }

    @Test
    void generateWritesOnlyUnderOut(@TempDir Path tmp) throws Exception {
        Path sandbox = sandbox(tmp);
        TreeSet<String> before = everything(sandbox);
        Run r = orca(sandbox, sandbox.resolve("work"), "generate", "network.yaml", "--out", "out");
        assertEquals(0, r.exit(), r.output());
        TreeSet<String> after = everything(sandbox);
        after.removeIf(p -> p.equals("work/out") || p.startsWith("work/out/"));
        assertEquals(before, after, "files orca generate wrote outside --out");
        assertTrue(Files.isRegularFile(sandbox.resolve("work/out/alpha/releases/dev/alpha-bes/alpha-network.yaml")));
    }

    /** Issue 13: status reads the clusters and writes nothing, also when a cluster cannot be reached. */
    @Test
    void statusWritesNothing(@TempDir Path tmp) throws Exception {
        Path sandbox = sandbox(tmp);
        // A cluster on a loopback port where nothing listens, through a kubeconfig of the sandbox's.
        Files.writeString(sandbox.resolve("work/kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:9"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                current-context: x
                """, StandardCharsets.UTF_8);
        TreeSet<String> before = everything(sandbox);
        for (String format : List.of("text", "json")) {
            Run r = orca(sandbox, sandbox.resolve("work"), "status", "network.yaml", "--kubeconfig", "kubeconfig",
                    "--context", "x", "-o", format);
            assertEquals(1, r.exit(), r.output());
            assertTrue(r.output().contains("127.0.0.1:9") || r.output().contains("unreachable") || r.output().contains("\"failure\""),
                    r.output());
        }
        assertEquals(before, everything(sandbox), "files orca status left behind");
    }
}
