package io.orca.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a Markdown file the docs test needs: fenced code blocks (with the {@code <!-- docs-test: ... -->}
 * markers on the lines right above them) and the inline code spans outside them, each with its line number.
 */
final class Markdown {
    /** A fenced block: its language, its lines (the fence's indentation removed) and where they start. */
    record Block(String doc, int fenceLine, String language, List<String> lines, Markers markers) {
        /** The line number (1-based) of content line {@code index} (0-based). */
        int lineOf(int index) {
            return fenceLine + 1 + index;
        }

        String text() {
            return String.join("\n", lines);
        }

        boolean isShell() {
            return language.equals("sh") || language.equals("bash") || language.equals("shell");
        }

        boolean isConsole() {
            return language.equals("console");
        }

        String where() {
            return doc + ":" + fenceLine;
        }
    }

    /** An inline code span, e.g. {@code `orca validate FILE`}. */
    record Span(String doc, int line, String text) {
        String where() {
            return doc + ":" + line;
        }
    }

    /**
     * The directives of the {@code <!-- docs-test: ... -->} comments right above a fence, one per comment:
     * {@code cluster}, {@code check: REASON}, {@code exit: N}, {@code before: COMMAND}, {@code after: COMMAND}.
     */
    record Markers(boolean cluster, String checkReason, int exit, List<String> before, List<String> after,
                   List<String> errors) {
        static final Markers NONE = new Markers(false, null, 0, List.of(), List.of(), List.of());

        boolean checkOnly() {
            return checkReason != null;
        }
    }

    record Parsed(List<Block> blocks, List<Span> spans, List<String> errors) {
    }

    private static final Pattern FENCE = Pattern.compile("^( *)(`{3,}|~{3,})\\s*([\\w+-]*).*$");
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*docs-test:\\s*(.*?)\\s*-->\\s*$");
    private static final Pattern SPAN = Pattern.compile("(?<!`)`([^`]+)`(?!`)");

    private Markdown() {
    }

    static Parsed parse(String doc, List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher f = FENCE.matcher(lines.get(i));
            if (f.matches()) {
                int indent = f.group(1).length();
                String fence = f.group(2);
                List<String> content = new ArrayList<>();
                int j = i + 1;
                for (; j < lines.size(); j++) {
                    String l = lines.get(j);
                    if (l.strip().startsWith(fence) && l.strip().replace(fence.substring(0, 1), "").isEmpty()) break;
                    content.add(deindent(l, indent));
                }
                blocks.add(new Block(doc, i + 1, f.group(3), List.copyOf(content), markers(doc, lines, i, errors)));
                i = j;
                continue;
            }
            if (MARKER.matcher(lines.get(i)).matches()) {
                if (!markerAboveFence(lines, i)) {
                    errors.add(doc + ":" + (i + 1) + ": a docs-test marker must be directly above a fenced block");
                }
                continue;
            }
            if (lines.get(i).isBlank()) continue;
            // a paragraph (or table): a code span may continue on the next line
            int end = i;
            while (end + 1 < lines.size() && !lines.get(end + 1).isBlank() && !FENCE.matcher(lines.get(end + 1)).matches()
                    && !MARKER.matcher(lines.get(end + 1)).matches()) end++;
            String paragraph = String.join("\n", lines.subList(i, end + 1));
            Matcher m = SPAN.matcher(paragraph);
            while (m.find()) {
                int line = i + 1 + (int) paragraph.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                spans.add(new Span(doc, line, m.group(1).replace('\n', ' ')));
            }
            i = end;
        }
        return new Parsed(List.copyOf(blocks), List.copyOf(spans), List.copyOf(errors));
    }

    private static boolean markerAboveFence(List<String> lines, int i) {
        int j = i;
        while (j < lines.size() && MARKER.matcher(lines.get(j)).matches()) j++;
        return j < lines.size() && FENCE.matcher(lines.get(j)).matches();
    }

    private static Markers markers(String doc, List<String> lines, int fence, List<String> errors) {
        boolean cluster = false;
        String check = null;
        int exit = 0;
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        int start = fence;
        while (start > 0 && MARKER.matcher(lines.get(start - 1)).matches()) start--;
        for (int k = start; k < fence; k++) {
            Matcher m = MARKER.matcher(lines.get(k));
            if (!m.matches()) continue;
            String d = m.group(1);
            String where = doc + ":" + (k + 1) + ": ";
            if (d.equals("cluster")) cluster = true;
            else if (d.startsWith("check:") && !d.substring(6).isBlank()) check = d.substring(6).strip();
            else if (d.matches("exit:\\s*\\d+")) exit = Integer.parseInt(d.substring(5).strip());
            else if (d.startsWith("before:") && !d.substring(7).isBlank()) before.add(d.substring(7).strip());
            else if (d.startsWith("after:") && !d.substring(6).isBlank()) after.add(d.substring(6).strip());
            else bad.add(where + "unknown docs-test marker '" + d + "' (cluster, check: REASON, exit: N, before: COMMAND, "
                    + "after: COMMAND; see docs/testing.md)");
        }
        if (check != null && cluster) bad.add(doc + ":" + (fence + 1) + ": a block is either 'cluster' or 'check', not both");
        errors.addAll(bad);
        return new Markers(cluster, check, exit, List.copyOf(before), List.copyOf(after), List.copyOf(bad));
    }

    private static String deindent(String line, int indent) {
        int k = 0;
        while (k < indent && k < line.length() && line.charAt(k) == ' ') k++;
        return line.substring(k);
    }
}
