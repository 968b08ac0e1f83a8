package io.orca.project;

import io.orca.testing.Project;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The project carries everything its tests, scripts and docs need: nothing refers to a folder beside the project
 * (the old shared reference folder beside the clone) or to an absolute path of one machine ({@code /work/...}), and no test climbs
 * out of the project directory. A fresh clone with nothing beside it must pass the test command (issue 11).
 */
class ProjectBoundaryTest {
    /** What must not appear in code, scripts or docs; built from pieces so that this file does not match itself. */
    private static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("\\.\\./" + "shared"),
            Pattern.compile("shared/" + "reference"),
            Pattern.compile("(?<![\\w.:/~-])/" + "work/"),
            // climbing out of the project directory in Java: Project.dir().getParent(), projectDir().resolveSibling(..)
            Pattern.compile("(?:Project\\.dir|projectDir|dir)\\(\\)\\s*\\.\\s*(?:getParent|resolveSibling)\\("),
            Pattern.compile("\\.resolve\\(\\s*\"\\.\\./"));

    /**
     * Folders not scanned: build output, local state, third-party data, and records of the past (benchmark results,
     * decision records), which may name the layout of their time.
     */
    private static final Set<String> SKIPPED = Set.of(".git", "target", ".orca", "node_modules", "bench/results",
            "bench/data", "src/test/resources/reference", "docs/decisions");

    @Test
    void nothingReachesOutsideTheProject() throws IOException {
        Path root = Project.dir();
        Path self = root.resolve("src/test/java/io/orca/project/ProjectBoundaryTest.java");
        List<String> hits = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> !skipped(root, p)).filter(Files::isRegularFile).filter(p -> !p.equals(self))
                    .filter(ProjectBoundaryTest::scanned).sorted().toList();
        }
        assertTrue(files.size() > 50, "scanned too few files: " + files.size());
        for (Path f : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            } catch (MalformedInputException binary) {
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                for (Pattern p : FORBIDDEN) {
                    Matcher m = p.matcher(lines.get(i));
                    if (m.find()) hits.add(root.relativize(f) + ":" + (i + 1) + ": '" + m.group() + "' in: " + lines.get(i).strip());
                }
            }
        }
        assertEquals(List.of(), hits, "tests, scripts and docs must use only what is inside the project: copy "
                + "reference data into src/test/resources/reference (with provenance and licence) and read it there "
                + "through io.orca.testing.Project");
    }

    @Test
    void referenceDataIsInsideTheProject() {
        assertTrue(Project.reference().startsWith(Project.dir()), Project.reference().toString());
    }

    private static boolean skipped(Path root, Path p) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        for (String s : SKIPPED) if (rel.equals(s) || rel.startsWith(s + "/")) return true;
        return false;
    }

    /** Sources, scripts, build files and docs (text files of the kinds that can name a path). */
    private static boolean scanned(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".java") || n.endsWith(".sh") || n.endsWith(".py") || n.endsWith(".md") || n.endsWith(".xml")
                || n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json") || n.endsWith(".properties")
                || n.equals("orca") || n.equals("run") || !n.contains(".") && p.getParent().getFileName() != null
                && Set.of("scripts", "bench", ".ci").contains(p.getParent().getFileName().toString());
    }
}
