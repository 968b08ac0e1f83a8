package io.orca.docs;

import io.orca.testing.Project;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every command in README.md and docs/*.md works as written on a fresh clone (docs/testing.md, "Docs that run"):
 * per doc, its sh and console blocks run in order in a fresh copy of the project (those marked {@code cluster} run
 * in {@link DocsClusterTest}); blocks marked {@code check: REASON} and the project commands quoted inline in the
 * text are checked without running ({@link StaticChecks}).
 */
class DocsTest {
    @TestFactory
    List<DynamicNode> everyDocumentedCommandWorks() throws IOException {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path doc : Docs.files()) {
            String name = Docs.name(doc);
            nodes.add(DynamicContainer.dynamicContainer(name, List.of(
                    DynamicTest.dynamicTest("its commands run as written", () -> runs(doc)),
                    DynamicTest.dynamicTest("its other commands are well-formed", () -> checks(doc)))));
        }
        return nodes;
    }

    private static void runs(Path doc) throws Exception {
        Markdown.Parsed parsed = Docs.parse(doc);
        List<Markdown.Block> run = new ArrayList<>();
        for (Markdown.Block b : parsed.blocks()) {
            if (!b.isShell() && !b.isConsole()) continue;
            if (b.markers().checkOnly()) {
                System.out.println(b.where() + ": not run (docs-test: check: " + b.markers().checkReason() + ")");
            } else if (b.markers().cluster()) {
                System.out.println(b.where() + ": runs in DocsClusterTest (docs-test: cluster)");
            } else {
                run.add(b);
            }
        }
        if (run.isEmpty()) return;
        String before = gitStatus();
        List<String> failures = DocRunner.run(Docs.name(doc), run, Docs.setup(Docs.env(), Duration.ofMinutes(10)));
        if (!failures.isEmpty()) fail(String.join("\n", failures) + "\n(ran in a fresh copy of the project; "
                + "conventions: docs/testing.md, 'Docs that run')");
        assertEquals(before, gitStatus(), "running " + Docs.name(doc) + "'s commands changed files in the repository");
    }

    static void checks(Path doc) throws Exception {
        Markdown.Parsed parsed = Docs.parse(doc);
        StaticChecks checks = Docs.checks();
        List<String> problems = new ArrayList<>(parsed.errors());
        for (Markdown.Block b : parsed.blocks()) {
            if (b.isShell() || b.isConsole()) {
                if (b.markers().checkOnly()) {
                    String syntax = bashSyntax(b);
                    if (syntax != null) problems.add(b.where() + ": not valid bash: " + syntax);
                    for (String p : checks.check(b.text(), false)) problems.add(b.where() + ": " + p);
                }
            } else if (b.language().isEmpty()) {
                // an unlabelled block that holds commands would escape the test: say so
                String first = b.lines().stream().filter(l -> !l.isBlank()).findFirst().orElse("");
                if (first.startsWith("$ ") || checks.isProjectCommand(first)) {
                    problems.add(b.where() + ": this block holds commands; label it ```sh (or ```console for "
                            + "'$ ' lines with output) so that the docs test runs it");
                }
            }
        }
        for (Markdown.Span s : parsed.spans()) {
            if (!checks.isProjectCommand(s.text())) continue;
            for (String p : checks.check(s.text(), true)) problems.add(s.where() + ": `" + s.text() + "`: " + p);
        }
        if (!problems.isEmpty()) fail(String.join("\n", problems) + "\n(conventions: docs/testing.md, 'Docs that run')");
    }

    private static String bashSyntax(Markdown.Block b) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-n").redirectErrorStream(true).start();
        p.getOutputStream().write(b.text().getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.waitFor() == 0 ? null : out;
    }

    private static String gitStatus() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=all")
                .directory(Project.dir().toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
