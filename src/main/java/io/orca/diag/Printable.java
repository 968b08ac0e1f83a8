package io.orca.diag;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Text from the input made safe to print on a terminal: control characters (C0, DEL, C1), line and paragraph
 * separators and the bidirectional overrides ("Trojan Source") are shown as escapes ({@code \x1b}, or backslash-u
 * and four hex digits above U+00FF)
 * instead of being written raw, where they could move the cursor, change colours, ring the bell or reorder what the
 * reader sees. Everything else, any printable Unicode, is unchanged.
 */
public final class Printable {
    private Printable() {
    }

    /** Whether a character is escaped when printed. */
    public static boolean isUnsafe(char c) {
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return true;
        return c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069') || c == '\u2028' || c == '\u2029';
    }

    /** Whether a string holds a character {@link #isUnsafe} escapes. */
    public static boolean hasUnsafe(String s) {
        for (int i = 0, n = s.length(); i < n; i++) if (isUnsafe(s.charAt(i))) return true;
        return false;
    }

    /** One line of text: every unsafe character escaped, newlines and tabs included. */
    public static String escape(String s) {
        if (s == null) return null;
        int i = 0;
        int n = s.length();
        while (i < n && !isUnsafe(s.charAt(i))) i++;
        if (i == n) return s;
        StringBuilder b = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (isUnsafe(c)) b.append(escape(c));
            else b.append(c);
        }
        return b.toString();
    }

    /** The escape of one unsafe character: {@code \n}, {@code \r}, {@code \t}, {@code \xHH} or backslash-u and four hex digits. */
    public static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> c < 0x100 ? String.format(Locale.ROOT, "\\x%02x", (int) c) : String.format(Locale.ROOT, "\\u%04x", (int) c);
        };
    }

    /**
     * A writer that escapes what {@link #escape} does except line ends and tabs (newline, and CR right before a
     * newline): the last line of defence of a command's stdout and stderr.
     */
    public static Writer writer(Writer out) {
        return new FilterWriter(out) {
            private boolean pendingCr;

            @Override
            public void write(int c) throws IOException {
                char ch = (char) c;
                if (pendingCr) {
                    pendingCr = false;
                    if (ch == '\n') {
                        out.write("\r\n");
                        return;
                    }
                    out.write("\\r");
                }
                if (ch == '\r') pendingCr = true;
                else if (ch == '\n' || ch == '\t' || !isUnsafe(ch)) out.write(ch);
                else out.write(escape(ch));
            }

            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                int start = off;
                int end = off + len;
                for (int i = off; i < end; i++) {
                    char ch = cbuf[i];
                    if (!pendingCr && ch != '\r' && (ch == '\n' || ch == '\t' || !isUnsafe(ch))) continue;
                    if (i > start) out.write(cbuf, start, i - start);
                    write(ch);
                    start = i + 1;
                }
                if (end > start) out.write(cbuf, start, end - start);
            }

            @Override
            public void write(String str, int off, int len) throws IOException {
                char[] chars = new char[len];
                str.getChars(off, off + len, chars, 0);
                write(chars, 0, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                if (pendingCr) out.write("\\r");
                pendingCr = false;
                out.close();
            }
        };
    }
}
