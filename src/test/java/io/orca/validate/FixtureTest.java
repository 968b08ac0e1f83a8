package io.orca.validate;

import io.orca.diag.Diagnostic;
import io.orca.testing.Project;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Runs every fixture in src/test/resources/fixtures: the diagnostics must be exactly those its comments expect. */
class FixtureTest {
    private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*([A-Z0-9, -]+)\\s*$");

    @TestFactory
    Stream<DynamicTest> fixtures() throws IOException {
        Path dir = Project.dir().resolve("src/test/resources/fixtures");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        TreeSet<String> expected = new TreeSet<>();
        String[] lines = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = EXPECT.matcher(lines[i]);
            if (m.find()) {
                for (String id : m.group(1).split(",")) expected.add((i + 1) + ":" + id.trim());
            }
        }
        ValidationService.Report report = ValidationService.validate(file.getFileName().toString(), bytes);
        TreeSet<String> actual = new TreeSet<>();
        List<String> detail = new ArrayList<>();
        // Infos (ORCA-I...) are compared only where the fixture expects one: whether Orca uses a key of Bevel's changes
        // as platforms gain planners, and should not break fixtures about something else.
        boolean infos = expected.stream().anyMatch(e -> e.contains(":ORCA-I"));
        for (Diagnostic d : report.diagnostics()) {
            if (d.isInfo() && !infos) continue;
            actual.add(d.position().line() + ":" + d.ruleId());
            detail.add(d.position().line() + ":" + d.position().column() + " " + d.ruleId() + " " + d.message());
        }
        assertEquals(expected, actual, "diagnostics of " + file.getFileName() + ":\n" + String.join("\n", detail));
    }
}
