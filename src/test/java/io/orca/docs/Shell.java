package io.orca.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Just enough of the shell's grammar to check documented commands without running them: splits text into simple
 * commands at {@code ; && || | & (newline) ( )}, removes quotes, comments and line continuations, separates
 * redirection targets, and drops what comes before the program (variable assignments, {@code env}, {@code time},
 * {@code do}, {@code then}...). Command substitutions stay inside their word, unparsed.
 */
final class Shell {
    /** One simple command: its words (program first) and the files its output is redirected to. */
    record Command(List<String> words, List<String> redirectTargets) {
        String program() {
            return words.isEmpty() ? "" : words.get(0);
        }
    }

    private static final Set<String> PREFIX_WORDS = Set.of("do", "then", "else", "elif", "if", "while", "until", "!",
            "time", "{", "exec", "command", "sudo");
    private static final Set<String> SKIPPED_COMMANDS = Set.of("for", "case", "select", "done", "fi", "esac", "}");

    private Shell() {
    }

    /**
     * The simple commands of {@code text}. With {@code placeholders}, a word like {@code <org>} (documentation's
     * placeholder) is a word, not a redirection from a file.
     */
    static List<Command> parse(String text, boolean placeholders) {
        List<Command> out = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        StringBuilder word = null;
        int pending = 0; // the next word is: 0 a word, 1 an output file, -1 an input file
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char next = text.charAt(i + 1);
                i++;
                if (next == '\n') continue; // line continuation
                if (word == null) word = new StringBuilder();
                word.append(next);
                continue;
            }
            if (c == '\'' || c == '"') {
                if (word == null) word = new StringBuilder();
                int end = closing(text, i, c); // text.length() when the quote is not closed
                String quoted = text.substring(i + 1, end);
                word.append(c == '"' ? quoted.replace("\\\"", "\"") : quoted);
                i = end;
                continue;
            }
            if (c == '$' && i + 1 < n && text.charAt(i + 1) == '(' || c == '`') {
                if (word == null) word = new StringBuilder();
                int end = Math.min(c == '`' ? closing(text, i, '`') : matchingParen(text, i + 1), n - 1);
                word.append(text, i, end + 1);
                i = end;
                continue;
            }
            if (c == '#' && word == null) { // a comment runs to the end of the line
                while (i + 1 < n && text.charAt(i + 1) != '\n') i++;
                continue;
            }
            if (placeholders && c == '<' && word == null) {
                int end = text.indexOf('>', i);
                if (end > i + 1 && text.substring(i + 1, end).matches("[A-Za-z0-9_.:@/ -]+")) {
                    word = new StringBuilder(text.substring(i, end + 1));
                    i = end;
                    continue;
                }
            }
            boolean space = c == ' ' || c == '\t';
            boolean separator = c == ';' || c == '\n' || c == '|' || c == '&' || c == '(' || c == ')';
            boolean redirect = c == '>' || c == '<';
            if (space || separator || redirect) {
                if (word != null) {
                    String w = word.toString();
                    word = null;
                    if (redirect && w.matches("\\d+")) {
                        // 2> file: the digits name the descriptor, not a word
                    } else if (pending != 0) {
                        if (pending > 0) targets.add(w);
                        pending = 0;
                    } else {
                        words.add(w);
                    }
                }
                if (redirect) {
                    if (i + 1 < n && (text.charAt(i + 1) == '>' || text.charAt(i + 1) == '&')) i++;
                    if (text.charAt(i) == '&') { // >&2, 2>&1: a descriptor, not a file
                        while (i + 1 < n && Character.isDigit(text.charAt(i + 1))) i++;
                        continue;
                    }
                    pending = c == '>' ? 1 : -1;
                    continue;
                }
                if (c == '&' && i + 1 < n && text.charAt(i + 1) == '>') { // &> file
                    i++;
                    pending = 1;
                    continue;
                }
                if (separator) {
                    add(out, words, targets);
                    words = new ArrayList<>();
                    targets = new ArrayList<>();
                    pending = 0;
                }
                continue;
            }
            if (word == null) word = new StringBuilder();
            word.append(c);
        }
        if (word != null) {
            if (pending > 0) targets.add(word.toString());
            else if (pending == 0) words.add(word.toString());
        }
        add(out, words, targets);
        return out;
    }

    private static void add(List<Command> out, List<String> words, List<String> targets) {
        int start = 0;
        while (start < words.size()) {
            String w = words.get(start);
            if (PREFIX_WORDS.contains(w) || w.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) start++;
            else if (w.equals("env")) start++;
            else break;
        }
        List<String> rest = words.subList(start, words.size());
        if (rest.isEmpty() && targets.isEmpty()) return;
        if (!rest.isEmpty() && SKIPPED_COMMANDS.contains(rest.get(0))) return;
        out.add(new Command(List.copyOf(rest), List.copyOf(targets)));
    }

    private static int closing(String text, int open, char quote) {
        for (int j = open + 1; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\\' && quote != '\'') j++;
            else if (c == quote) return j;
        }
        return text.length();
    }

    private static int matchingParen(String text, int open) {
        int depth = 0;
        for (int j = open; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return j;
            else if (c == '\'' || c == '"') j = closing(text, j, c);
        }
        return text.length();
    }
}
