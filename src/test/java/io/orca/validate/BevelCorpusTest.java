package io.orca.validate;

import io.orca.diag.Diagnostic;
import io.orca.testing.Project;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every real-world network.yaml of Bevel's samples validates without errors (warnings allowed). */
class BevelCorpusTest {
    @TestFactory
    Stream<DynamicTest> everySampleValidates() throws IOException {
        List<Path> samples;
        try (Stream<Path> s = Files.list(Project.bevelSamples())) {
            samples = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(samples.size() >= 16, "expected Bevel's 16 samples, found " + samples.size());
        return samples.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            ValidationService.Report r = ValidationService.validate(p.getFileName().toString(), Files.readAllBytes(p));
            List<String> errors = r.diagnostics().stream().filter(Diagnostic::isError)
                    .map(d -> d.position().line() + ":" + d.position().column() + " " + d.ruleId() + " " + d.message()).toList();
            assertEquals(List.of(), errors);
            assertTrue(r.document().isPresent());
        }));
    }
}
