package io.orca.app;

import io.orca.diag.Diagnostic;
import io.orca.plan.MaterialSource;
import io.orca.testing.Project;
import io.orca.validate.ValidationService;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

/**
 * The planning-only rules: each file of src/test/resources/fixtures/planning validates without errors, and planning
 * it reports exactly the errors and warnings its {@code # expect:} comments name. Infos (ORCA-I001, Bevel's keys
 * that Orca accepts and does not use) belong to validation and are checked by BevelVocabularyTest.
 */
class PlanningFixtureTest {
    private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*([A-Z0-9, -]+)\\s*$");

    @TestFactory
    Stream<DynamicTest> fixtures() throws IOException {
        Path dir = Project.dir().resolve("src/test/resources/fixtures/planning");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ValidationService.Report validated = ValidationService.validate(file.getFileName().toString(), bytes);
        assertFalse(validated.hasErrors(), () -> "must validate: " + validated.diagnostics());
        TreeSet<String> expected = new TreeSet<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = EXPECT.matcher(lines[i]);
            if (m.find()) for (String id : m.group(1).split(",")) expected.add((i + 1) + ":" + id.trim());
        }
        PlanningService.Planned planned = PlanningService.plan(validated, PlanningService.Request.preview(MaterialSource.NONE));
        TreeSet<String> actual = new TreeSet<>();
        List<String> detail = new ArrayList<>();
        for (Diagnostic d : planned.diagnostics()) {
            if (d.isInfo()) continue;
            actual.add(d.position().line() + ":" + d.ruleId());
            detail.add(d.position().line() + ":" + d.position().column() + " " + d.ruleId() + " " + d.message() + " | " + d.hint());
        }
        assertEquals(expected, actual, "diagnostics of planning " + file.getFileName() + ":\n" + String.join("\n", detail));
        if (planned.diagnostics().stream().anyMatch(Diagnostic::isError)) {
            assertFalse(planned.ok(), "an error stops planning");
            return;
        }
        org.junit.jupiter.api.Assertions.assertTrue(planned.ok(), "warnings do not stop planning");
        // Planning rules' warnings reach every front end with the plan.
        for (Diagnostic d : planned.diagnostics()) {
            if (d.isInfo() || validated.diagnostics().contains(d)) continue;
            org.junit.jupiter.api.Assertions.assertTrue(planned.warnings().stream().anyMatch(w -> w.contains(d.ruleId())
                    && w.contains(":" + d.position().line() + ":")), d + " in " + planned.warnings());
        }
    }
}
