package io.orca.validate;

import io.orca.diag.Diagnostic;
import io.orca.diag.Printable;
import io.orca.diag.Rule;
import io.orca.report.DiagnosticFormat;
import io.orca.testing.Project;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Property test: a seeded mutator over Bevel's samples and the fixtures (byte flips, line deletions and duplications,
 * indentation shifts, key renames, value type swaps, truncation, inserted YAML metacharacters). For every input,
 * {@link ValidationService#validate} returns (within 5 s) without throwing, every diagnostic has line ≥ 1, column ≥ 1,
 * a known rule ID and a non-empty message, and every output format renders it, printing no control character raw and
 * no credential the mutator wrote into a URL (issue 10).
 *
 * <p>{@code -Dorca.fuzz.count=N} (default 3,000), {@code -Dorca.fuzz.seed=S} (default fixed), {@code
 * -Dorca.fuzz.only=I} re-runs input I of a seed alone. A failing input is written to target/fuzz-failures/. A summary
 * goes to target/fuzz-summary.txt (bench/fuzz.sh reads it).
 */
class FuzzTest {
    /** A secret written into URLs by the mutator: no output format may print it. */
    static final String SECRET = "FUZZ-URL-SECRET-5e1f";
    static final long DEFAULT_SEED = 0x0_5EED_2026_1121L;
    private static final Set<String> RULE_IDS = Arrays.stream(Rule.values()).map(Rule::id).collect(Collectors.toSet());
    private static final String[] INSERTS = {"&a ", "*a", "{", "}", "[", "]", "\"", "'", "\t", "\0", ": ", "- ", "? ",
            "---\n", "...\n", "#", "|\n", ">-\n", "!!binary ", "!!python/object:os.system ", "<<: *a\n", "%YAML 1.1\n",
            "&a [*a]", "\\", "\u0007", "\uFEFF", "\u00e9", "\r", "\n", "${", "${env:", "<username>", "::", ",", "@",
            // issue 10: bidirectional overrides and other characters the reader lets through raw
            "\u202e", "\u2066", "\u200f", "\u0085", "\u2028"};
    private static final String[] VALUES = {"123", "-1", "0x1F", "1e3", "4.10", "true", "no", "on", "null", "~", "''",
            "\"\"", "[a, b]", "[]", "{x: 1}", "{}", "\"str\"", "2026-01-01", ".inf", ".nan", "0o17", "99999999999999999999999",
            "\"${env:X}\"", "\"${file:}\"", "\"../../etc\"", "/abs", "\"<placeholder>\"", "|\n  block", "*a", "&a x",
            "Alpha_Org", "a".repeat(70), "ssh", "https", "git@host:x.git", "qbft", "ibft2", "raft", "ambassador",
            // issue 10, by class: credentials in URLs (the marker must never be printed), control characters written
            // through escapes, integers past 64 bits, durations past Go's, path segments, values that made a pattern
            // backtrack or recurse, secret keys one edit away
            "\"https://bot:" + SECRET + "@git.example.test/a.git\"", "\"https://" + SECRET + "@github.com/a.git\"",
            "\"oci://u:" + SECRET + "@r.example.test/c\"", "\"bot:" + SECRET + "@git.example.test/a.git\"",
            "\"ssh://git:" + SECRET + "@host/x.git\"", "\"a\\e[31mb\"", "\"a\\0b\"", "\"a\\x9bb\"", "\"a\\u202eb\"",
            "\"a\\nb\"", "\"a\\tb\"", "18446744073709551621", "9223372036854775808", "-9223372036854775809",
            "4294967297", "0x10000000000000000", "99999999999h", "1h" + "1m".repeat(20), "releases/dev/..", "a/../b",
            "\"releases/.GIT \"", "releases//dev", "\"" + "@".repeat(3000) + "\"", "a.".repeat(2000) + "a",
            "A_".repeat(2000) + "A", "0.".repeat(2000) + "0", "\"" + "z".repeat(70_000) + "\""};
    private static final String[] KEYS = {"name", "type", "version", "network", "organizations", "services", "peers",
            "validators", "orderers", "port", "ambassador", "git_url", "git_repo", "git_protocol", "password", "username",
            "release_dir", "chart_source", "consensus", "config", "tm_nodes", "channels", "participants", "env", "proxy",
            "k8s", "gitops", "vault", "docker", "<<", "org_name", "osn_creator_org", "endorsers", "private_key",
            "chain_id", "tolerationSeconds", "interval", "timeout", "emailAddress", "url", "address", "known_hosts",
            "passwrd", "pasword", "tokne", "git_passwrod"};

    @Test
    void validateNeverThrowsAndEveryDiagnosticIsWellFormed() throws Exception {
        int count = Integer.getInteger("orca.fuzz.count", 3_000);
        long seed = Long.getLong("orca.fuzz.seed", DEFAULT_SEED);
        Integer only = Integer.getInteger("orca.fuzz.only");
        List<byte[]> corpus = corpus();
        Map<String, Integer> byRule = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long slowest = 0;
        int slowestIndex = -1;
        long bytes = 0;
        int withDocument = 0;
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-worker");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        int ran = 0;
        try {
            for (int i = only == null ? 0 : only; i < (only == null ? count : only + 1); i++) {
                byte[] input = mutate(new Random(seed * 31 + i), corpus);
                bytes += input.length;
                String name = "fuzz-" + i + ".yaml";
                long t0 = System.nanoTime();
                Future<List<String>> f = worker.submit(() -> check(name, input));
                List<String> problems;
                try {
                    problems = f.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    f.cancel(true);
                    problems = List.of("did not return within 5 s");
                    worker.shutdownNow();
                    worker = Executors.newSingleThreadExecutor();
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    problems = List.of("threw " + c + " at " + (c.getStackTrace().length > 0 ? c.getStackTrace()[0] : "?"));
                }
                long took = System.nanoTime() - t0;
                if (took > slowest) {
                    slowest = took;
                    slowestIndex = i;
                }
                ran++;
                if (problems.size() == 1 && problems.get(0).startsWith("ok:")) {
                    String[] parts = problems.get(0).substring(3).split(",");
                    if (parts[0].equals("doc")) withDocument++;
                    for (int p = 1; p < parts.length; p++) if (!parts[p].isEmpty()) byRule.merge(parts[p], 1, Integer::sum);
                } else {
                    failures.add("input " + i + " (seed " + seed + "): " + String.join("; ", problems));
                    save(seed, i, input);
                    if (failures.size() >= 20) break;
                }
            }
        } finally {
            worker.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String summary = String.format(java.util.Locale.ROOT,
                "count=%d seed=%d corpus=%d seconds=%.1f inputs_per_s=%.0f mean_bytes=%d parsed_documents=%d"
                        + " slowest_ms=%.1f slowest_input=%d failures=%d%nrules=%s%n",
                ran, seed, corpus.size(), seconds, ran / seconds, ran == 0 ? 0 : bytes / ran, withDocument,
                slowest / 1e6, slowestIndex, failures.size(), byRule);
        System.out.print(summary);
        Path target = Project.dir().resolve("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("fuzz-summary.txt"), summary + String.join("\n", failures) + "\n");
        assertEquals(List.of(), failures);
        assertFalse(byRule.isEmpty(), "the mutator should provoke diagnostics");
    }

    /** Validates one input and renders it in every format; "ok:doc|nodoc,RULE,RULE..." or the problems found. */
    static List<String> check(String name, byte[] input) {
        ValidationService.Report r = ValidationService.validate(name, input);
        List<String> problems = new ArrayList<>();
        String text = r.load().source().text();
        long lines = text == null ? Long.MAX_VALUE : text.split("\r\n|[\r\n\u0085\u2028\u2029]", -1).length;
        StringBuilder ok = new StringBuilder(r.document().isPresent() ? "ok:doc" : "ok:nodoc");
        for (Diagnostic d : r.diagnostics()) {
            if (!RULE_IDS.contains(d.ruleId())) problems.add("unknown rule " + d.ruleId());
            if (d.position().line() < 1 || d.position().column() < 1) problems.add("position " + d.position() + " of " + d.ruleId());
            if (d.position().line() > lines) problems.add("line " + d.position().line() + " past the end (" + lines + " lines) of " + d.ruleId());
            if (d.message() == null || d.message().isBlank()) problems.add("empty message of " + d.ruleId());
            if (d.severity() != Arrays.stream(Rule.values()).filter(x -> x.id().equals(d.ruleId())).findFirst().map(Rule::severity).orElse(null)) {
                problems.add("severity of " + d.ruleId());
            }
            ok.append(',').append(d.ruleId());
        }
        List<DiagnosticFormat.FileDiagnostics> files = List.of(new DiagnosticFormat.FileDiagnostics(r.load().source(), r.diagnostics()));
        // The marker is a credential while it sits in a URL's user part (a byte flip may have taken that apart).
        String raw = new String(input, StandardCharsets.UTF_8);
        boolean credentials = raw.contains(":" + SECRET + "@") || raw.contains("//" + SECRET + "@");
        for (DiagnosticFormat format : DiagnosticFormat.values()) {
            StringWriter w = new StringWriter();
            format.write(files, new PrintWriter(w));
            String printed = w.toString();
            if (!r.diagnostics().isEmpty() && printed.isEmpty()) problems.add(format + " printed nothing");
            // Issue 10, by class: credentials in a URL, and raw control characters, never reach an output.
            if (credentials && printed.contains(SECRET)) problems.add(format + " printed a URL's credentials");
            for (int i = 0; i < printed.length(); i++) {
                char c = printed.charAt(i);
                if (c != '\n' && c != '\t' && Printable.isUnsafe(c)) {
                    problems.add(format + " printed U+" + Integer.toHexString(c) + " raw");
                    break;
                }
            }
        }
        return problems.isEmpty() ? List.of(ok.toString()) : problems;
    }

    static List<byte[]> corpus() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(bevelSamples())) {
            s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
        }
        try (Stream<Path> s = Files.list(Project.dir().resolve("src/test/resources/fixtures"))) {
            s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
        }
        List<byte[]> out = new ArrayList<>();
        for (Path p : files) out.add(Files.readAllBytes(p));
        return out;
    }

    static Path bevelSamples() {
        return Project.bevelSamples();
    }

    /** One to four mutations of a corpus file. */
    static byte[] mutate(Random rnd, List<byte[]> corpus) {
        byte[] base = corpus.get(rnd.nextInt(corpus.size()));
        if (rnd.nextInt(40) == 0) return byteLevel(rnd, base, 1 + rnd.nextInt(8));
        List<String> lines = new ArrayList<>(Arrays.asList(new String(base, StandardCharsets.UTF_8).split("\n", -1)));
        int n = 1 + rnd.nextInt(4);
        boolean bytes = false;
        for (int k = 0; k < n && !lines.isEmpty(); k++) {
            int at = rnd.nextInt(lines.size());
            String line = lines.get(at);
            switch (rnd.nextInt(12)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, line);
                case 2 -> lines.set(at, " ".repeat(1 + rnd.nextInt(3)) + line);
                case 3 -> lines.set(at, line.replaceFirst("^ {1,3}", ""));
                case 4 -> lines.set(at, renameKey(rnd, line));
                case 5 -> lines.set(at, swapValue(rnd, line));
                case 6 -> {
                    String s = INSERTS[rnd.nextInt(INSERTS.length)];
                    int col = line.isEmpty() ? 0 : rnd.nextInt(line.length() + 1);
                    lines.set(at, line.substring(0, col) + s + line.substring(col));
                }
                case 7 -> {
                    int to = rnd.nextInt(lines.size());
                    lines.set(at, lines.get(to));
                    lines.set(to, line);
                }
                case 8 -> { // a block of lines moved or repeated
                    int len = Math.min(lines.size() - at, 1 + rnd.nextInt(10));
                    List<String> block = new ArrayList<>(lines.subList(at, at + len));
                    lines.addAll(rnd.nextInt(lines.size() + 1), block);
                }
                case 9 -> { // another file's line: keys from elsewhere
                    byte[] other = corpus.get(rnd.nextInt(corpus.size()));
                    String[] ol = new String(other, StandardCharsets.UTF_8).split("\n");
                    lines.add(at, ol[rnd.nextInt(ol.length)]);
                }
                case 10 -> bytes = true;
                default -> { // truncation
                    int keep = rnd.nextInt(lines.size() + 1);
                    lines.subList(keep, lines.size()).clear();
                    if (!lines.isEmpty() && rnd.nextBoolean()) {
                        String last = lines.get(lines.size() - 1);
                        lines.set(lines.size() - 1, last.substring(0, rnd.nextInt(last.length() + 1)));
                    }
                }
            }
        }
        byte[] out = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        return bytes ? byteLevel(rnd, out, 1 + rnd.nextInt(3)) : out;
    }

    private static byte[] byteLevel(Random rnd, byte[] in, int flips) {
        byte[] b = in.clone();
        if (b.length == 0) return b;
        for (int i = 0; i < flips; i++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(3)) {
                case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[at] = (byte) rnd.nextInt(256);
                default -> b[at] = (byte) " :-#\"'{}[]&*!|>\t\n".charAt(rnd.nextInt(17));
            }
        }
        return b;
    }

    private static String renameKey(Random rnd, String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) return line;
        String head = line.substring(0, colon);
        String indent = head.replaceAll("[^ \\-].*$", "");
        String key = head.substring(indent.length());
        String renamed = switch (rnd.nextInt(4)) {
            case 0 -> KEYS[rnd.nextInt(KEYS.length)];
            case 1 -> key.length() > 1 ? key.substring(0, key.length() - 1) : key + "x"; // typo
            case 2 -> key.toUpperCase(java.util.Locale.ROOT);
            default -> key.length() > 2 ? key.charAt(1) + "" + key.charAt(0) + key.substring(2) : key; // transposition
        };
        return indent + renamed + line.substring(colon);
    }

    private static String swapValue(Random rnd, String line) {
        int colon = line.indexOf(": ");
        if (colon < 0) return line.endsWith(":") ? line + " " + VALUES[rnd.nextInt(VALUES.length)] : line;
        return line.substring(0, colon + 2) + VALUES[rnd.nextInt(VALUES.length)];
    }

    private static void save(long seed, int i, byte[] input) {
        try {
            Path dir = Project.dir().resolve("target/fuzz-failures");
            Files.createDirectories(dir);
            Files.write(dir.resolve(seed + "-" + i + ".yaml"), input);
        } catch (IOException ignored) {
            // the failure message names seed and index: enough to reproduce
        }
    }
}
