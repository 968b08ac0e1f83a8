package io.orca.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** go-yaml v3's typing of plain scalars, which decides the MAC bytes and ENC types. */
class SopsYamlTest {
    @Test
    void resolvesLikeGoYamlV3() {
        assertEquals(5L, SopsYaml.resolvePlain("5"));
        assertEquals(15L, SopsYaml.resolvePlain("0o17"));
        assertEquals(511L, SopsYaml.resolvePlain("0777"));
        assertEquals(255L, SopsYaml.resolvePlain("0xff"));
        assertEquals(5L, SopsYaml.resolvePlain("0b101"));
        assertEquals(1000L, SopsYaml.resolvePlain("1_000"));
        assertEquals(1.5, SopsYaml.resolvePlain("1.5"));
        assertEquals(0.5, SopsYaml.resolvePlain(".5"));
        assertEquals(Boolean.TRUE, SopsYaml.resolvePlain("True"));
        assertEquals("yes", SopsYaml.resolvePlain("yes"));
        assertEquals("on", SopsYaml.resolvePlain("on"));
        assertNull(SopsYaml.resolvePlain("~"));
        assertEquals("2024-01-02T00:00:00Z", SopsYaml.resolvePlain("2024-01-02").toString());
        assertEquals("2024-01-02T03:04:05.5+02:00", SopsYaml.resolvePlain("2024-1-2T3:04:05.50+02:00").toString());
        assertEquals("1.2.3", SopsYaml.resolvePlain("1.2.3"));
        assertEquals("age1abc", SopsYaml.resolvePlain("age1abc"));
        assertEquals("1", SopsYaml.goFormatFloat(1.0));
        assertEquals("100", SopsYaml.goFormatFloat(1e2));
        assertEquals("0.25", SopsYaml.goFormatFloat(0.25));
    }

    @Test
    void emitQuotesWhatWouldChangeType() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String s : List.of("5", "0o17", "yes", "true", "null", "", "2024-01-02", "1_000", " lead", "a: b", "#x")) {
            m.put("k" + m.size(), s);
        }
        m.put("multi", "a\nb\n");
        m.put("n", 7L);
        m.put("list", List.of("x", 1L, true));
        String out = SopsYaml.emit(m);
        assertEquals(m, SopsYaml.parse(out), out);
        assertFalse(out.contains("k0: 5\n"), out);
        assertTrue(out.contains("n: 7\n"), out);
    }

    @Test
    void refusesWhatSopsRefuses() {
        assertThrows(SecretsException.class, () -> SopsYaml.parse("a: 1\n---\nb: 2\n"));
        assertThrows(SecretsException.class, () -> SopsYaml.parse("- a\n"));
        assertThrows(SecretsException.class, () -> SopsYaml.parse("5: x\n"));
        assertThrows(SecretsException.class, () -> SopsYaml.parse("a: 1\na: 2\n"));
    }

    @Test
    void fingerprintIgnoresFormattingButNotValuesOrTypes() {
        Fingerprint f = Fingerprint.compute("a: 1\nb: x\n", 1024, 8, 1, new byte[16]);
        assertTrue(f.matches("{a: 1, b: \"x\"}"));
        assertFalse(f.matches("a: \"1\"\nb: x\n"));
        assertFalse(f.matches("b: x\na: 1\n"));
        assertFalse(f.matches("a: 1\nb: y\n"));
        assertEquals(f, Fingerprint.parse(f.toString()));
        assertThrows(SecretsException.class, () -> Fingerprint.parse("sha256$abc"));
    }

    /**
     * Issue 10: SnakeYAML's reader copies its window from the start of the current token for every 1,024 characters,
     * so a long value cost quadratic time, and every Secret's plaintext (and its encrypted form) is parsed several
     * times while sealing: a 1 MB credential made generate take 11.8 s. Long one-line values are now set aside
     * before the parse and put back after; the tree is the same as SnakeYAML's.
     */
    @Test
    void longValueIsQuadraticInSnakeYaml() {
        String x = "x".repeat(5000);
        String q = "q'q".repeat(2000);
        Map<String, Object> t = SopsYaml.parse(String.join("\n",
                "plain: " + x,
                "single: '" + q.replace("'", "''") + "'",
                "double: \"" + x + "\"",
                "escaped: \"" + x + "\\n\"",
                "comment: " + x + "   # a comment",
                "folded: " + x,
                "  " + x,
                "crlf: " + x + "\r",
                "digits: " + "7".repeat(5000),
                "list:",
                "  - " + x,
                "  - short",
                "nested:",
                "    inner: " + x,
                ""));
        assertEquals(x, t.get("plain"));
        assertEquals(q, t.get("single"));
        assertEquals(x, t.get("double"));
        assertEquals(x + "\n", t.get("escaped"), "escapes are SnakeYAML's to decode");
        assertEquals(x, t.get("comment"));
        assertEquals(x + " " + x, t.get("folded"), "a plain scalar continued on the next line is left to SnakeYAML");
        assertEquals(x, t.get("crlf"));
        assertEquals(SopsYaml.resolvePlain("7".repeat(5000)), t.get("digits"), "a plain value resolved as go-yaml does");
        assertEquals(List.of(x, "short"), t.get("list"));
        assertEquals(Map.of("inner", x), t.get("nested"));
        // Linear: 16 MB of values would take minutes with the quadratic reader (3.2 s for 2 MB); a hang guard, not a benchmark.
        String big = "v".repeat(8_000_000);
        Map<String, Object> parsed = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> SopsYaml.parse("a: " + big + "\nb: \"" + big + "\"\n"));
        assertEquals(big, parsed.get("a"));
        assertEquals(big, parsed.get("b"));
        // Errors stay errors.
        assertThrows(SecretsException.class, () -> SopsYaml.parse("a: " + x + ": b\n  c: [\n"));
    }
}
