package io.orca.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orca.schema.NetworkSchema;
import io.orca.testing.Project;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No regular expression Orca applies to input backtracks catastrophically: every {@code pattern} (and
 * {@code patternProperties} key) of the schema and every {@code static final Pattern} of Orca's classes runs against
 * adversarial strings built from its own characters (runs of one character, runs of a two-character unit, each ended
 * by a character that breaks the match), with {@code find()} (how the schema validator applies a pattern) and
 * {@code matches()}. Two bounds, both guards rather than benchmarks: a 100 KB string must be done within a second of
 * wall time, and a 10 KB one within 500 character reads per input character (a quadratic pattern reads ~5,000
 * times per character there, a cubic one far more), which is deterministic whatever the machine's load.
 */
class PatternBacktrackingTest {
    static final int LONG = 100_000;
    static final int SHORT = 10_000;
    static final long WALL_NANOS = 1_000_000_000L;
    static final long READS_PER_CHAR = 500;
    /** Characters every pattern is tried with, besides its own. */
    static final String BASE = "a0A.-_@:/ \t";
    static final String BREAKERS = "!\n ";
    /** At most this many characters per pattern (its first literals after the base set): pairs grow as its square. */
    static final int MAX_ALPHABET = 16;

    /** A budget exceeded: the pattern read the input too often or too long. */
    static final class Exceeded extends RuntimeException {
        Exceeded(String message) {
            super(message, null, false, false);
        }
    }

    /** A string that counts how often it is read and stops the matcher past a budget or a deadline. */
    static final class Guarded implements CharSequence {
        private final String s;
        private final long maxReads;
        private final long deadline;
        long reads;

        Guarded(String s, long maxReads, long wallNanos) {
            this.s = s;
            this.maxReads = maxReads;
            this.deadline = System.nanoTime() + wallNanos;
        }

        @Override
        public char charAt(int index) {
            if (++reads > maxReads) throw new Exceeded("more than " + maxReads + " reads of a " + s.length() + "-character input");
            if ((reads & 0xFFFF) == 0 && System.nanoTime() > deadline) throw new Exceeded("longer than the wall-clock bound");
            return s.charAt(index);
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return s.subSequence(start, end);
        }

        @Override
        public String toString() {
            return s;
        }
    }

    /** Every pattern of the schema, by where it is. */
    static Map<String, String> schemaPatterns() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(NetworkSchema.text());
        Map<String, String> out = new TreeMap<>();
        collect(schema, "", out);
        return out;
    }

    private static void collect(JsonNode n, String path, Map<String, String> out) {
        if (n.isObject()) {
            if (n.has("pattern") && n.get("pattern").isTextual()) out.put(path + "/pattern", n.get("pattern").asText());
            if (n.has("patternProperties")) {
                n.get("patternProperties").fieldNames().forEachRemaining(k -> out.put(path + "/patternProperties:" + k, k));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                collect(e.getValue(), path + "/" + e.getKey(), out);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) collect(n.get(i), path + "/" + i, out);
        }
    }

    /** Every static final Pattern field of Orca's main classes, by class and field. */
    static Map<String, Pattern> javaPatterns() throws Exception {
        Path classes = Project.dir().resolve("target/classes");
        Map<String, Pattern> out = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(classes.resolve("io/orca"))) {
            files = s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        for (Path f : files) {
            String name = classes.relativize(f).toString().replace('/', '.').replace(".class", "");
            Class<?> c;
            try {
                c = Class.forName(name, false, PatternBacktrackingTest.class.getClassLoader());
            } catch (LinkageError | ClassNotFoundException e) {
                continue;
            }
            for (Field field : c.getDeclaredFields()) {
                int m = field.getModifiers();
                if (field.getType() != Pattern.class || !Modifier.isStatic(m) || !Modifier.isFinal(m)) continue;
                field.setAccessible(true);
                out.put(name + "." + field.getName(), (Pattern) field.get(null));
            }
        }
        return out;
    }

    /** The adversarial inputs of a pattern: runs of its characters and of pairs of them, each with a breaking end. */
    static List<String> inputs(String regex, int length) {
        Set<Character> chars = new LinkedHashSet<>();
        for (char c : BASE.toCharArray()) chars.add(c);
        for (char c : regex.toCharArray()) {
            if (chars.size() >= MAX_ALPHABET) break;
            if (c >= 0x20 && c < 0x7F && "\\^$()|?*+{}".indexOf(c) < 0) chars.add(c);
        }
        List<String> out = new ArrayList<>();
        for (char c : chars) {
            for (char end : BREAKERS.toCharArray()) out.add(String.valueOf(c).repeat(length) + end);
        }
        List<Character> list = new ArrayList<>(chars);
        for (int i = 0; i < list.size(); i++) {
            for (int j = 0; j < list.size(); j++) {
                if (i == j) continue;
                String unit = "" + list.get(i) + list.get(j);
                out.add(unit.repeat(length / 2) + "!");
            }
        }
        return out;
    }

    /** The first input on which the pattern exceeds its bounds, as a message, or null. */
    static String firstProblem(Pattern p) {
        String regex = p.pattern();
        List<String> all = inputs(regex, LONG);
        // Runs of one character at full length, under the wall-clock bound, on a thread with the CLI's stack (1 MiB).
        String problem = onThread(1 << 20, () -> {
            for (String s : all) {
                if (s.charAt(0) != s.charAt(1)) continue; // pairs: below
                String found = run(p, s, Long.MAX_VALUE, WALL_NANOS);
                if (found != null) return found;
            }
            return null;
        });
        if (problem != null) return problem;
        // Runs of two-character units, shorter, under the read budget, on a small stack (256 KiB): a pattern that
        // recurses once per repetition of a group overflows it here, as it would overflow the CLI's on a long value.
        List<String> pairs = inputs(regex, SHORT).stream().filter(s -> s.charAt(0) != s.charAt(1)).toList();
        return onThread(1 << 18, () -> {
            for (String s : pairs) {
                String found = run(p, s, READS_PER_CHAR * s.length(), WALL_NANOS);
                if (found != null) return found;
            }
            return null;
        });
    }

    private static String onThread(long stack, java.util.concurrent.Callable<String> task) {
        String[] result = new String[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = task.call();
            } catch (Exception e) {
                result[0] = "threw " + e;
            }
        }, "pattern", stack);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        return result[0];
    }

    private static String run(Pattern p, String s, long maxReads, long wallNanos) {
        for (boolean find : new boolean[] {true, false}) {
            Guarded g = new Guarded(s, maxReads, wallNanos);
            try {
                if (find) p.matcher(g).find();
                else p.matcher(g).matches();
            } catch (Exceeded | StackOverflowError e) {
                String head = s.substring(0, Math.min(12, s.length())).replace("\n", "\\n").replace("\0", "\\0").replace("\t", "\\t");
                return (find ? "find" : "matches") + " on \"" + head + "...\" (" + s.length() + " characters): "
                        + (e instanceof Exceeded x ? x.getMessage() : "stack overflow");
            }
        }
        return null;
    }

    @TestFactory
    Stream<DynamicTest> noSchemaPatternBacktracksCatastrophically() throws IOException {
        Map<String, String> patterns = schemaPatterns();
        assertTrue(patterns.size() > 20, "the schema's patterns were found: " + patterns.size());
        Map<String, String> distinct = new LinkedHashMap<>();
        patterns.forEach((where, regex) -> distinct.putIfAbsent(regex, where));
        return distinct.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            assertEquals(null, firstProblem(Pattern.compile(e.getKey())), "pattern at " + e.getValue());
        }));
    }

    @TestFactory
    Stream<DynamicTest> noJavaPatternBacktracksCatastrophically() throws Exception {
        Map<String, Pattern> patterns = javaPatterns();
        assertTrue(patterns.size() > 10, "Orca's Pattern fields were found: " + patterns.keySet());
        return patterns.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () ->
                assertEquals(null, firstProblem(e.getValue()), e.getKey() + " = " + e.getValue().pattern())));
    }

    /** The guard itself: it must catch the pattern issue 10 reported, and pass a linear one. */
    @Test
    void theGuardCatchesACatastrophicPattern() {
        assertTrue(firstProblem(Pattern.compile("^\\S+@\\S+\\.\\S+$")) != null, "the cubic e-mail pattern of issue 10");
        assertTrue(firstProblem(Pattern.compile("^(a+)+$")) != null, "the textbook exponential pattern");
        assertTrue(firstProblem(Pattern.compile("[a-z]+@")) != null, "a quadratic one under find(): every start scans to the end");
        assertEquals(null, firstProblem(Pattern.compile("^[a-z0-9]+$")));
    }
}
