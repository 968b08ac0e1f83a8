package io.orca.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a doc's command blocks in order, as a reader would, in a fresh copy of the project (docs/testing.md, "Docs
 * that run"): each block in its own bash ({@code set -Eeuo pipefail}), the copy's root as working directory, files
 * carried from block to block. Stops at the first failure and says where: doc, line, command, exit code, output.
 */
final class DocRunner {
    private static final Pattern FAILED_AT = Pattern.compile("@@docs-test: exit (\\d+) at line (\\d+)");
    private static final Pattern BASH_LINE = Pattern.compile(": line (\\d+): ");
    private static final int OUTPUT_LINES = 25;

    /** The environment of a run and the copy it runs in (made by {@link #prepare}). */
    record Setup(Clone project, Map<String, String> env, Duration timeout, Preparer preparer) {
    }

    /** Fills a fresh copy before the doc runs (the launcher jar in target/, say). */
    interface Preparer {
        void prepare(Path copy) throws IOException;
    }

    private DocRunner() {
    }

    /**
     * Runs {@code blocks} (already filtered to those that run) in a new copy; returns the failures (empty: all ran as
     * documented). The copy is deleted afterwards.
     */
    static List<String> run(String doc, List<Markdown.Block> blocks, Setup setup) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("orca-docs-");
        try {
            Path copy = work.resolve("project");
            Files.createDirectories(copy);
            setup.project().copyTo(copy);
            setup.preparer().prepare(copy);
            Path home = Files.createDirectories(work.resolve("home"));
            Map<String, String> env = new java.util.HashMap<>(setup.env());
            env.put("HOME", home.toString());
            env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
            env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
            Path scripts = Files.createDirectories(work.resolve("scripts"));
            Context ctx = new Context(doc, copy, scripts, env, setup.timeout());
            for (Markdown.Block b : blocks) {
                List<String> failures = new ArrayList<>();
                for (String before : b.markers().before()) {
                    Result r = ctx.bash("before", b.fenceLine(), before, "set -Eeuo pipefail");
                    if (r.code != 0) failures.add(b.where() + ": the block's set-up `" + before + "` (docs-test: before) exited "
                            + r.code + output(r.output));
                }
                if (failures.isEmpty()) failures.addAll(b.isConsole() ? runConsole(ctx, b) : runShell(ctx, b));
                for (String after : b.markers().after()) {
                    Result r = ctx.bash("after", b.fenceLine(), after, "set -Eeuo pipefail");
                    if (r.code != 0) failures.add(b.where() + ": the block's clean-up `" + after + "` (docs-test: after) exited "
                            + r.code + output(r.output));
                }
                if (!failures.isEmpty()) return failures;
            }
            return List.of();
        } finally {
            deleteTree(work);
        }
    }

    private static List<String> runShell(Context ctx, Markdown.Block b) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder(
                "set -Eeuo pipefail; trap 'echo \"@@docs-test: exit $? at line $LINENO\" >&2' ERR\n");
        script.append("\n".repeat(b.fenceLine() - 1));
        for (String l : b.lines()) script.append(l).append('\n');
        Result r = ctx.run("block-" + b.fenceLine(), script.toString());
        int expected = b.markers().exit();
        if (r.code == expected) return List.of();
        if (r.timedOut) return List.of(b.where() + ": the block did not finish within " + ctx.timeout.toMinutes()
                + " min; killed" + output(r.output));
        int line = -1;
        Matcher m = FAILED_AT.matcher(r.output);
        while (m.find()) line = Integer.parseInt(m.group(2));
        if (line < 0) {
            Matcher bl = BASH_LINE.matcher(r.output);
            while (bl.find()) line = Integer.parseInt(bl.group(1));
        }
        String cmd = line > 0 ? commandAt(b, line) : null;
        String where = line > 0 ? ctx.doc + ":" + firstLineOf(b, line) : b.where();
        return List.of(where + ": " + (cmd == null ? "the block" : "`" + cmd + "`") + " exited " + r.code
                + (expected == 0 ? "" : " (the block is marked exit: " + expected + ")") + output(r.output));
    }

    private static List<String> runConsole(Context ctx, Markdown.Block b) throws IOException, InterruptedException {
        List<String> failures = new ArrayList<>();
        List<String> lines = b.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("$ ")) continue;
            int start = i;
            StringBuilder cmd = new StringBuilder(lines.get(i).substring(2));
            while (cmd.toString().endsWith("\\") && i + 1 < lines.size()) {
                i++;
                cmd.append('\n').append(lines.get(i).replaceFirst("^> ", ""));
            }
            List<String> expected = new ArrayList<>();
            while (i + 1 < lines.size() && !lines.get(i + 1).startsWith("$ ")) expected.add(lines.get(++i).stripTrailing());
            while (!expected.isEmpty() && expected.get(expected.size() - 1).isEmpty()) expected.remove(expected.size() - 1);
            String script = "set -uo pipefail\n" + "\n".repeat(b.lineOf(start) - 2) + cmd + "\n";
            Result r = ctx.run("console-" + b.lineOf(start), script);
            String where = ctx.doc + ":" + b.lineOf(start) + ": `" + cmd.toString().replace("\\\n", " ") + "`";
            if (r.timedOut) {
                failures.add(where + " did not finish within " + ctx.timeout.toMinutes() + " min" + output(r.output));
                return failures;
            }
            if (r.code != b.markers().exit()) {
                failures.add(where + " exited " + r.code + ", the doc expects " + b.markers().exit()
                        + (b.markers().exit() == 0 ? "" : " (docs-test: exit)") + output(r.output));
                return failures;
            }
            List<String> actual = r.output.lines().map(String::stripTrailing).toList();
            String mismatch = Expected.mismatch(expected, actual);
            if (mismatch != null) {
                failures.add(where + " printed something else than the doc shows: " + mismatch + output(r.output));
                return failures;
            }
        }
        return failures;
    }

    /** The logical command (continuation lines joined) of the block that covers doc line {@code line}. */
    private static String commandAt(Markdown.Block b, int line) {
        int idx = line - b.fenceLine() - 1;
        if (idx < 0 || idx >= b.lines().size()) return null;
        int first = firstLineOf(b, line) - b.fenceLine() - 1;
        StringBuilder cmd = new StringBuilder(b.lines().get(first).strip());
        for (int k = first; k < b.lines().size() - 1 && b.lines().get(k).stripTrailing().endsWith("\\"); k++) {
            cmd.setLength(cmd.length() - 1);
            cmd.append(' ').append(b.lines().get(k + 1).strip());
        }
        return cmd.toString().replaceAll("\\s+#.*$", "").replaceAll("\\s+", " ");
    }

    private static int firstLineOf(Markdown.Block b, int line) {
        int idx = line - b.fenceLine() - 1;
        if (idx < 0 || idx >= b.lines().size()) return line;
        while (idx > 0 && b.lines().get(idx - 1).stripTrailing().endsWith("\\")) idx--;
        return b.lineOf(idx);
    }

    private static String output(String out) {
        List<String> lines = out.lines().filter(l -> !l.startsWith("@@docs-test:")).toList();
        if (lines.isEmpty()) return "; no output";
        List<String> tail = lines.subList(Math.max(0, lines.size() - OUTPUT_LINES), lines.size());
        return (lines.size() > tail.size() ? "; last " + tail.size() + " lines of its output:\n" : "; its output:\n")
                + String.join("\n", tail.stream().map(l -> "    " + l).toList());
    }

    private record Result(int code, String output, boolean timedOut) {
    }

    private record Context(String doc, Path copy, Path scripts, Map<String, String> env, Duration timeout) {
        Result bash(String what, int line, String command, String header) throws IOException, InterruptedException {
            return run(what + "-" + line, header + "\n" + command + "\n");
        }

        Result run(String name, String script) throws IOException, InterruptedException {
            // named after the doc, so that bash's own messages ("README.md: line 31: ...") point at it
            Path dir = Files.createDirectories(scripts.resolve(name));
            Path file = dir.resolve(Path.of(doc).getFileName().toString());
            Files.writeString(file, script, StandardCharsets.UTF_8);
            Path out = dir.resolve("output");
            ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).directory(copy.toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                            Path.of("/dev/null").toFile()));
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
            }
            return new Result(done ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8), !done);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        }
    }
}
