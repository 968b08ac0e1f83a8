package io.orca.docs;

import io.orca.cli.CommandModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The docs test's own parts on small made-up docs: what it runs, what it checks, and what a failure says. */
class DocsConventionTest {
    @TempDir
    Path tmp;

    // --- Markdown ---

    @Test
    void blocksKeepTheirLanguageLinesAndMarkersAndFencesInListsLoseTheirIndentation() {
        Markdown.Parsed p = Markdown.parse("d.md", List.of(
                "# Title",                                      // 1
                "1. step:",                                     // 2
                "   <!-- docs-test: cluster -->",               // 3
                "   <!-- docs-test: before: kubectl create namespace x -->", // 4
                "   ```sh",                                     // 5
                "   kubectl -n x get pods",                     // 6
                "   ```",                                       // 7
                "<!-- docs-test: check: takes minutes -->",     // 8
                "```sh",                                        // 9
                "bench/x.sh",                                   // 10
                "```"));                                        // 11
        assertEquals(List.of(), p.errors());
        assertEquals(2, p.blocks().size());
        Markdown.Block first = p.blocks().get(0);
        assertEquals(5, first.fenceLine());
        assertEquals(List.of("kubectl -n x get pods"), first.lines());
        assertEquals(6, first.lineOf(0));
        assertTrue(first.markers().cluster());
        assertEquals(List.of("kubectl create namespace x"), first.markers().before());
        assertEquals("takes minutes", p.blocks().get(1).markers().checkReason());
    }

    @Test
    void misplacedOrUnknownMarkersAreErrors() {
        Markdown.Parsed p = Markdown.parse("d.md", List.of(
                "<!-- docs-test: cluster -->", "", "```sh", "true", "```",
                "<!-- docs-test: sometimes -->", "```sh", "true", "```"));
        assertEquals(List.of("d.md:1: a docs-test marker must be directly above a fenced block",
                "d.md:6: unknown docs-test marker 'sometimes' (cluster, check: REASON, exit: N, before: COMMAND, after: "
                        + "COMMAND; see docs/testing.md)"), p.errors());
    }

    @Test
    void inlineSpansMayRunOverALineBreakAndKeepTheLineTheyStartOn() {
        Markdown.Parsed p = Markdown.parse("d.md", List.of("Run `orca validate", "FILE` and `mvn test`.", "", "`x`"));
        assertEquals(List.of(new Markdown.Span("d.md", 1, "orca validate FILE"), new Markdown.Span("d.md", 2, "mvn test"),
                new Markdown.Span("d.md", 4, "x")), p.spans());
    }

    // --- Shell ---

    @Test
    void shellSplitsSimpleCommandsAndSeparatesRedirections() {
        List<Shell.Command> c = Shell.parse("RUNS=10 bench/a.sh 'x y' && rm -rf d | sort > out/f.txt 2>&1; echo \"$(date)\" >&2 "
                + "# comment\nfor n in 1 2; do python3 bench/g.py $n > bench/data/g-$n.yaml; done < in.txt", false);
        assertEquals(List.of(
                new Shell.Command(List.of("bench/a.sh", "x y"), List.of()),
                new Shell.Command(List.of("rm", "-rf", "d"), List.of()),
                new Shell.Command(List.of("sort"), List.of("out/f.txt")),
                new Shell.Command(List.of("echo", "$(date)"), List.of()),
                new Shell.Command(List.of("python3", "bench/g.py", "$n"), List.of("bench/data/g-$n.yaml"))), c);
    }

    @Test
    void placeholdersAreWordsInInlineCommandsAndUnclosedQuotesDoNotBreakTheParser() {
        assertEquals(List.of("orca", "secrets", "keygen", "<org>"), Shell.parse("orca secrets keygen <org>", true).get(0).words());
        assertEquals(List.of("\"x"), Shell.parse("'\"x", false).get(0).words());
        assertEquals(List.of("a"), Shell.parse("\"a", false).get(0).words());
    }

    // --- static checks ---

    private StaticChecks checks() {
        return new StaticChecks(Set.of("orca", "scripts/test", "scripts/lib.sh", "bench/gen.py", "bench/run.sh",
                "bench/results/x.txt", "src/test/java/io/orca/schema/NetworkSchemaTest.java"),
                Set.of("orca", "scripts/test", "bench/run.sh"), Set.of("io.orca.schema.NetworkSchemaTest",
                "io.orca.publish.PublisherSshTest"), CommandModel::full);
    }

    @Test
    void orcaCommandsAndOptionsMustExist() {
        StaticChecks c = checks();
        assertEquals(List.of("unknown option '--org' for 'orca secrets keygen' (its options: --orca-dir, -V/--version, -h/--help, -q/--quiet)"),
                c.check("orca secrets keygen --org org1", true));
        assertEquals(List.of(), c.check("./orca secrets keygen org1", false));
        assertEquals(List.of(), c.check("orca plan FILE [--format text\\|json\\|mermaid]", true));
        assertEquals(List.of(), c.check("orca secrets check DIR -i KEYFILE", true));
        assertEquals(List.of(), c.check("orca validate FILE...", true));
        assertEquals(1, c.check("orca validat x.yaml", true).size());
        assertTrue(c.check("orca validat x.yaml", true).get(0).startsWith("'orca' has no command 'validat' (its commands: validate,"));
    }

    @Test
    void mavenMustWorkOnAFreshMachineAndNameExistingTests() {
        StaticChecks c = checks();
        assertEquals(List.of("mvn -o (offline) fails on a fresh machine: its local repository is empty; drop -o"),
                c.check("mvn -q -B -o test -Dtest=NetworkSchemaTest", false));
        assertEquals(List.of(), c.check("mvn -q -B test -Dtest='io.orca.publish.**'", false));
        assertEquals(List.of("-Dtest=NoSuchTest matches no test class in src/test/java"), c.check("mvn test -Dtest=NoSuchTest", false));
    }

    @Test
    void scriptsMustExistBeExecutableAndWriteIntoFoldersAFreshCloneHas() {
        StaticChecks c = checks();
        assertEquals(List.of("writes to bench/data/besu.yaml, but a fresh clone has no folder bench/data/ (add it to the "
                + "repository, e.g. with a .gitkeep, or create it first)"), c.check("python3 bench/gen.py 200 5 > bench/data/besu.yaml", false));
        assertEquals(List.of("scripts/nope does not exist in the repository"), c.check("scripts/nope --x", false));
        assertEquals(List.of("scripts/lib.sh is not executable (git update-index --chmod=+x scripts/lib.sh)"), c.check("scripts/lib.sh", false));
        assertEquals(List.of(), c.check("RUNS=3 bench/run.sh && python3 bench/gen.py > bench/results/y.txt", false));
    }

    @Test
    void onlyProjectCommandsQuotedInlineAreChecked() {
        StaticChecks c = checks();
        for (String yes : List.of("./orca validate x", "orca validate FILE", "mvn verify", "scripts/test", "bench/run.sh",
                "python3 bench/gen.py 1", "RUNS=3 bench/run.sh")) {
            assertTrue(c.isProjectCommand(yes), yes);
        }
        for (String no : List.of("orca <orca@localhost>", "bench/results/", "bench/results/x.txt", "kubectl get pods", "ssh",
                "NAME=value", "docs/x.md:3: a message", "python3 -m venv")) {
            assertFalse(c.isProjectCommand(no), no);
        }
    }

    // --- running ---

    private List<String> run(String... lines) throws IOException, InterruptedException {
        Path project = Files.createDirectories(tmp.resolve("p"));
        Files.writeString(project.resolve("given.txt"), "hello\n");
        Clone clone = new Clone(project, Set.of("given.txt"), Set.of());
        Markdown.Parsed doc = Markdown.parse("doc.md", List.of(lines));
        List<Markdown.Block> blocks = doc.blocks().stream().filter(b -> b.isShell() || b.isConsole()).toList();
        return DocRunner.run("doc.md", blocks, new DocRunner.Setup(clone, Docs.env(), Duration.ofMinutes(1), copy -> { }));
    }

    @Test
    void blocksRunInOrderInACopySharingFilesNotVariables() throws Exception {
        assertEquals(List.of(), run(
                "```sh", "grep -q hello given.txt", "x=1", "echo made > made.txt", "```",
                "```sh", "test -f made.txt", "echo \"${x:-unset}\" > x.txt", "grep -q unset x.txt", "test -d \"$HOME\"",
                "test -z \"${JAVA_HOME:-}\"", "```"));
        assertFalse(Files.exists(tmp.resolve("p/made.txt")), "the project itself is not touched");
    }

    @Test
    void aFailingCommandIsNamedWithItsDocLineExitCodeAndOutput() throws Exception {
        List<String> f = run("text", "```sh", "true", "echo 'to stderr' >&2; ls /no/such/dir", "echo never", "```");
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.get(0).startsWith("doc.md:4: `echo 'to stderr' >&2; ls /no/such/dir` exited 2; its output:\n    to stderr\n"),
                f.get(0));
    }

    @Test
    void anUnsetVariableFailsAndContinuedLinesAreOneCommand() throws Exception {
        List<String> f = run("```sh", "cp \"$NO_SUCH_HOME/lib/security/cacerts\" \\", "   x.p12", "```");
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.get(0).startsWith("doc.md:2: `cp \"$NO_SUCH_HOME/lib/security/cacerts\" x.p12` exited 1"), f.get(0));
        assertTrue(f.get(0).contains("NO_SUCH_HOME: unbound variable"), f.get(0));
    }

    @Test
    void consoleBlocksCompareTheOutputAndTheExitCode() throws Exception {
        assertEquals(List.of(), run("<!-- docs-test: exit: 3 -->", "```console", "$ printf 'a\\nb\\nc\\n'; exit 3", "a", "...",
                "c", "```"));
        List<String> wrong = run("```console", "$ printf 'a\\nB\\n'", "a", "b", "```");
        assertEquals(1, wrong.size());
        assertTrue(wrong.get(0).startsWith("doc.md:2: `printf 'a\\nB\\n'` printed something else than the doc shows: "
                + "line 2 of the output is 'B', the doc shows 'b'"), wrong.get(0));
        List<String> code = run("```console", "$ false", "```");
        assertTrue(code.get(0).startsWith("doc.md:2: `false` exited 1, the doc expects 0"), code.get(0));
    }

    @Test
    void beforeAndAfterRunAroundTheBlockAndAfterRunsWhenItFails() throws Exception {
        List<String> f = run("<!-- docs-test: before: echo set-up > s.txt -->", "<!-- docs-test: after: touch cleaned -->",
                "```sh", "grep -q set-up s.txt", "false", "```", "```sh", "echo not reached", "```");
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.get(0).startsWith("doc.md:5: `false` exited 1"), f.get(0));
        assertEquals(List.of(), run("<!-- docs-test: after: test -f made -->", "```sh", "touch made", "```"));
        List<String> badAfter = run("<!-- docs-test: after: test -f missing -->", "```sh", "true", "```");
        assertTrue(badAfter.get(0).startsWith("doc.md:2: the block's clean-up `test -f missing` (docs-test: after) exited 1"),
                badAfter.toString());
    }
}
