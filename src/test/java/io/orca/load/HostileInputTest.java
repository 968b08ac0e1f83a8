package io.orca.load;

import io.orca.diag.Diagnostic;
import io.orca.diag.Rule;
import io.orca.validate.ValidationService;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and malformed files: each yields a positioned diagnostic with the right rule ID, quickly, and nothing is
 * thrown. The 5-second timeout is a hang guard, not a benchmark.
 */
class HostileInputTest {
    // A hang guard, not a benchmark: generous enough for a loaded 2-core CI machine (speed lives in bench/).
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final Set<String> RULE_IDS = Arrays.stream(Rule.values()).map(Rule::id).collect(Collectors.toSet());

    static ValidationService.Report validate(String name, byte[] bytes) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> ValidationService.validate(name, bytes), name + " took too long");
    }

    static void wellFormed(List<Diagnostic> diagnostics) {
        for (Diagnostic d : diagnostics) {
            assertTrue(RULE_IDS.contains(d.ruleId()), "unknown rule " + d.ruleId());
            assertTrue(d.position().line() >= 1 && d.position().column() >= 1, "position " + d.position() + " of " + d);
            assertFalse(d.message().isBlank(), "empty message: " + d);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyHostileInputGivesItsPositionedDiagnostic() {
        return HostileInputs.all().values().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            ValidationService.Report r = validate(c.name(), c.bytes());
            wellFormed(r.diagnostics());
            String all = r.diagnostics().stream().map(d -> d.position().line() + ":" + d.position().column() + " "
                    + d.ruleId() + " " + abbreviate(d.message())).collect(Collectors.joining("\n"));
            Diagnostic d = r.diagnostics().stream().filter(x -> x.ruleId().equals(c.ruleId())).findFirst().orElse(null);
            assertTrue(d != null, c.name() + ": expected " + c.ruleId() + ", got:\n" + all);
            if (c.line() > 0) assertEquals(c.line() + ":" + c.column(), d.position().line() + ":" + d.position().column(),
                    c.name() + ": position of " + c.ruleId() + "; all:\n" + all);
            assertTrue(r.hasErrors(), c.name());
        }));
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    @Test
    void utf8ByteOrderMarkIsAccepted() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        ValidationService.Report r = validate("bom.yaml", HostileInputs.concat(bom, HostileInputs.utf8(HostileInputs.VALID)));
        assertEquals(List.of(), r.diagnostics());
        assertTrue(r.document().isPresent());
    }

    @Test
    void utf8ByteOrderMarkDoesNotShiftPositions() {
        String dup = HostileInputs.VALID.replace("name: v2", "name: v1");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Diagnostic plain = single(validate("a.yaml", HostileInputs.utf8(dup)));
        Diagnostic withBom = single(validate("a.yaml", HostileInputs.concat(bom, HostileInputs.utf8(dup))));
        assertEquals(Rule.DUPLICATE_SERVICE.id(), plain.ruleId());
        assertEquals(plain.position(), withBom.position());
        assertEquals(new io.orca.diag.Position(24, 19), plain.position());
    }

    private static Diagnostic single(ValidationService.Report r) {
        assertEquals(1, r.diagnostics().size(), r.diagnostics().toString());
        return r.diagnostics().get(0);
    }

    @Test
    void duplicateKeyMessageNamesBothPositions() {
        ValidationService.Report r = validate("dup.yaml", HostileInputs.all().get("duplicate-key").bytes());
        Diagnostic d = r.diagnostics().stream().filter(x -> x.ruleId().equals(Rule.DUPLICATE_KEY.id())).findFirst().orElseThrow();
        assertEquals(new io.orca.diag.Position(4, 3), d.position(), "at the second occurrence");
        assertTrue(d.message().contains("'type'") && d.message().contains("line 2, column 3"), d.message());
    }

    @Test
    void aliasesWithinTheLimitsStillWork() {
        String yaml = HostileInputs.VALID.replace("p2p: { port: 30303 }\n            rpc: { port: 8545 }\n          - validator:\n            name: v2",
                "p2p: &p2p { port: 30303 }\n            rpc: { port: 8545 }\n          - validator:\n            name: v2");
        ValidationService.Report r = validate("anchors.yaml", HostileInputs.utf8(yaml));
        assertEquals(List.of(), r.diagnostics());
    }

    @Test
    void windowsLineEndingsKeepPositions() {
        String dup = HostileInputs.VALID.replace("name: v2", "name: v1").replace("\n", "\r\n");
        Diagnostic d = single(validate("crlf.yaml", dup.getBytes(StandardCharsets.UTF_8)));
        assertEquals(new io.orca.diag.Position(24, 19), d.position());
    }

    @Test
    void nulAfterTheFirstEightKilobytesIsStillRefused() {
        byte[] bytes = HostileInputs.concat(HostileInputs.utf8(HostileInputs.VALID + "#" + "x".repeat(10_000) + "\n"),
                new byte[]{'a', 0, 'b', '\n'});
        ValidationService.Report r = validate("late-nul.yaml", bytes);
        wellFormed(r.diagnostics());
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.ruleId().equals(Rule.NOT_TEXT.id())), r.diagnostics().toString());
    }

    @Test
    void everyLoaderLimitIsBelowWhatTheCliReads() {
        assertTrue(YamlLoader.MAX_BYTES < 64 * 1024 * 1024);
        assertTrue(HostileInputs.nineMegabytes().length > YamlLoader.MAX_BYTES);
    }
}
