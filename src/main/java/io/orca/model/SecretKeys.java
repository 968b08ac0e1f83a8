package io.orca.model;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which network.yaml keys hold secrets, so that no message, excerpt or output ever shows their values. */
public final class SecretKeys {
    private static final Set<String> KEYS = Set.of("password", "root_token", "secret_key", "access_key", "private_key",
            "passphrase", "geth_passphrase", "token", "client_secret", "keystore_password", "truststore_password",
            "admin_password", "secret", "api_key", "auth_token");
    private static final Pattern LINE = Pattern.compile("^(\\s*(?:-\\s+)?)([A-Za-z_][A-Za-z0-9_-]*)(\\s*:\\s*)(\\S.*)$");

    private SecretKeys() {
    }

    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return KEYS.contains(k) || k.endsWith("_password") || k.endsWith("_token") || k.endsWith("_secret");
    }

    private static final List<String> SUFFIXES = List.of("_password", "_token", "_secret");

    /**
     * Whether a key is a secret key or one edit away from one (a letter missing, added, changed or two swapped:
     * {@code passwrd}, {@code pasword}, {@code tokne}, {@code db_passwrod}). Output masks the values of these too: a
     * misspelt key is still a secret the user meant to write. (Validation reports the misspelling as an unknown key.)
     */
    public static boolean looksSecret(String key) {
        if (isSecretKey(key)) return true;
        String k = key.toLowerCase(Locale.ROOT);
        if (k.length() < 4) return false;
        for (String s : KEYS) if (withinOneEdit(k, s)) return true;
        for (String suffix : SUFFIXES) {
            for (int len = suffix.length() - 1; len <= suffix.length() + 1; len++) {
                if (k.length() > len && withinOneEdit(k.substring(k.length() - len), suffix)) return true;
            }
        }
        return false;
    }

    /** Whether the value at a dotted path is, or may be (a key one edit from a secret key), a secret. */
    public static boolean maybeSecretPath(String path) {
        return looksSecret(lastKey(path));
    }

    /** Damerau-Levenshtein distance at most 1 (one insertion, deletion, substitution or adjacent swap), in linear time. */
    static boolean withinOneEdit(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1) return false;
        int i = 0;
        while (i < la && i < lb && a.charAt(i) == b.charAt(i)) i++;
        if (i == la && i == lb) return true;
        if (la == lb) {
            if (a.regionMatches(i + 1, b, i + 1, la - i - 1)) return true; // substitution
            return i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.regionMatches(i + 2, b, i + 2, la - i - 2); // swap
        }
        return la > lb ? a.regionMatches(i + 1, b, i, lb - i) : b.regionMatches(i + 1, a, i, la - i);
    }

    /** Whether the value at a dotted path (e.g. network.organizations[0].gitops.password) is a secret. */
    public static boolean isSecretPath(String path) {
        return isSecretKey(lastKey(path));
    }

    /** The key a dotted path ends with, past one trailing index: {@code a.gitops.password[2]} gives {@code password}. */
    public static String lastKey(String path) {
        // The trailing index as the regex \[[^]]*]$ strips it, by hand: this runs once per value of a file.
        String last = path;
        if (last.endsWith("]")) { // the leftmost '[' with no ']' between it and the final one
            int open = last.indexOf('[', last.lastIndexOf(']', last.length() - 2) + 1);
            if (open >= 0 && open < last.length() - 1) last = last.substring(0, open);
        }
        return last.substring(last.lastIndexOf('.') + 1);
    }

    /**
     * A source line with the value of a secret key replaced by ***, for excerpts in diagnostics. Besides the block
     * form ({@code password: x}), values in flow mappings on the line ({@code { user: a, password: x }}, JSON-style
     * quoted keys too) are replaced by as many '*' as they have characters, so that columns further on stay right.
     */
    public static String maskLine(String line) {
        Matcher m = LINE.matcher(line);
        if (m.matches() && looksSecret(m.group(2))) return m.group(1) + m.group(2) + m.group(3) + "***";
        if (line.indexOf(':') < 0) return line;
        String masked = maskFlow(line);
        return masked.indexOf('@') >= 0 ? Redaction.addresses(masked) : masked;
    }

    /** A key at the start of a text: {@code name:}, {@code "name":}, {@code 'name':}. */
    // The lookbehind starts a key only where a word starts: without it find() would rescan a long word from each of its characters.
    private static final Pattern KEY_START = Pattern.compile("(?<![A-Za-z0-9_-])(?:[A-Za-z_][A-Za-z0-9_-]*|\"[^\"]*\"|'[^']*')\\s*:(?:\\s|$)");

    /**
     * The source excerpt of a diagnostic: {@link #maskLine}, and for a diagnostic about a secret's value (its path is
     * a secret path) also that value where the line does not name its key, e.g. a value written on the line below
     * {@code password:}. {@code column} is the diagnostic's 1-based column.
     */
    public static String maskExcerpt(String line, String path, int column) {
        String masked = maskLine(line);
        int from = column - 1;
        if (!maybeSecretPath(path) || from < 0 || from >= line.length()) return masked;
        if (from < masked.length() && masked.charAt(from) == '*') return masked;   // the value is masked already
        if (KEY_START.matcher(line).region(from, line.length()).lookingAt()) return masked;   // at a key, not a value
        return line.substring(0, from) + "***";
    }

    /** Masks the value after every {@code key:} on the line whose key is a secret key. */
    private static String maskFlow(String line) {
        StringBuilder out = null;
        int n = line.length();
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (c == '"' || c == '\'') {
                int end = endOfQuoted(line, i);
                String key = line.substring(i + 1, Math.max(i + 1, end - 1));
                int colon = skipSpaces(line, end);
                if (colon < n && line.charAt(colon) == ':' && looksSecret(key)) {
                    out = mask(out, line, colon + 1);
                    i = valueEnd(line, skipSpaces(line, colon + 1));
                } else {
                    i = end;
                }
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_' || line.charAt(i) == '-')) i++;
                int colon = skipSpaces(line, i);
                if (colon < n && line.charAt(colon) == ':' && (colon + 1 == n || line.charAt(colon + 1) == ' ')
                        && looksSecret(line.substring(start, i))) {
                    out = mask(out, line, colon + 1);
                    i = valueEnd(line, skipSpaces(line, colon + 1));
                }
            } else {
                i++;
            }
        }
        return out == null ? line : out.toString();
    }

    private static StringBuilder mask(StringBuilder out, String line, int from) {
        StringBuilder b = out == null ? new StringBuilder(line) : out;
        int start = skipSpaces(line, from);
        int end = valueEnd(line, start);
        for (int j = start; j < end; j++) b.setCharAt(j, '*');
        return b;
    }

    private static int skipSpaces(String line, int i) {
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) i++;
        return i;
    }

    /** Index just past a quoted scalar starting at i (or the line's end when unclosed). */
    private static int endOfQuoted(String line, int i) {
        char q = line.charAt(i);
        int j = i + 1;
        while (j < line.length()) {
            char c = line.charAt(j);
            if (q == '"' && c == '\\') {
                j += 2;
                continue;
            }
            if (c == q) {
                if (q == '\'' && j + 1 < line.length() && line.charAt(j + 1) == '\'') {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return line.length();
    }

    /** Index just past the value starting at i: a quoted scalar, or plain text up to ',', '}', ']' or the end. */
    private static int valueEnd(String line, int i) {
        if (i >= line.length()) return i;
        char c = line.charAt(i);
        if (c == '"' || c == '\'') return endOfQuoted(line, i);
        int j = i;
        while (j < line.length() && ",}]".indexOf(line.charAt(j)) < 0 && !(line.charAt(j) == '#' && j > 0 && line.charAt(j - 1) == ' ')) j++;
        while (j > i && line.charAt(j - 1) == ' ') j--;
        return j;
    }
}
