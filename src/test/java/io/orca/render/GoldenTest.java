package io.orca.render;

import io.orca.app.GenerateService;
import io.orca.testing.Project;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Golden files: what {@code orca generate} writes for each example, byte for byte, under
 * src/test/resources/golden/&lt;example&gt;/. After an intended change, regenerate them with
 * {@code mvn test -Dtest=GoldenTest -Dorca.golden.update=true} and review the diff.
 */
class GoldenTest {
    private static final boolean UPDATE = Boolean.getBoolean("orca.golden.update");
    static final String REGISTRY = "src/test/resources/networks/registry";

    @TestFactory
    Stream<DynamicTest> examples() throws IOException {
        List<Path> examples;
        try (Stream<Path> s = Files.list(Project.dir().resolve("examples"))) {
            examples = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(examples.isEmpty());
        // and networks with private-registry credentials (issue 10, item 8): the pull secret's name in every release
        try (Stream<Path> s = Files.list(Project.dir().resolve(REGISTRY))) {
            examples = Stream.concat(examples.stream(), s.filter(p -> p.toString().endsWith(".yaml")).sorted()).toList();
        }
        return examples.stream().map(e -> DynamicTest.dynamicTest(e.getFileName().toString(), () -> check(e)));
    }

    private static void check(Path example) throws IOException {
        String name = example.getFileName().toString().replaceFirst("\\.yaml$", "");
        String display = example.startsWith(Project.dir().resolve(REGISTRY)) ? "networks/registry/" + example.getFileName()
                : "examples/" + example.getFileName();
        GenerateService.Outcome o = Generated.generate(example, display);
        Path golden = Project.dir().resolve("src/test/resources/golden").resolve(name);
        Path actualDir = Files.createTempDirectory("orca-golden");
        // The manifests only: chart folders are Orca's charts byte for byte (ChartFoldersTest), not copied here again.
        List<RepositoryTree> manifests = o.trees().stream().map(t -> t.withCharts(List.of())).toList();
        GenerateService.write(manifests, actualDir);
        if (UPDATE) {
            deleteTree(golden);
            GenerateService.write(manifests, golden);
            return;
        }
        TreeSet<String> expectedFiles = list(golden);
        TreeSet<String> actualFiles = list(actualDir);
        assertEquals(expectedFiles, actualFiles, "files generated for " + name
                + " (update with -Dorca.golden.update=true after reviewing)");
        List<String> differing = new ArrayList<>();
        for (String f : actualFiles) {
            String want = Files.readString(golden.resolve(f), StandardCharsets.UTF_8);
            String got = Files.readString(actualDir.resolve(f), StandardCharsets.UTF_8);
            if (!want.equals(got)) differing.add(f);
        }
        assertEquals(List.of(), differing, "files that differ from the golden copy of " + name);
        // The same input gives the same bytes: a second run with the same seed is identical.
        GenerateService.Outcome again = Generated.generate(example, display);
        for (int i = 0; i < o.trees().size(); i++) {
            assertEquals(o.trees().get(i).files(), again.trees().get(i).files());
        }
        for (Map.Entry<String, String> f : o.trees().get(0).files().entrySet()) {
            assertFalse(f.getValue().contains("\r"), f.getKey() + " has CR line endings");
        }
    }

    private static TreeSet<String> list(Path dir) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(p -> out.add(dir.relativize(p).toString().replace('\\', '/')));
        }
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
