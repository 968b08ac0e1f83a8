package io.orca.validate.rules;

import io.orca.diag.Printable;
import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.load.YNode;
import io.orca.load.YScalar;
import io.orca.load.YSeq;
import io.orca.model.SecretKeys;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

import java.util.Locale;
import java.util.Set;

/**
 * ORCA-E032: a key or value holds a control character (NUL, ESC, BEL, DEL, C1 controls) or a bidirectional override,
 * which YAML's double-quoted escapes ({@code "\0"}, {@code "\e"}, {@code "\x9b"}) write past the reader's check for
 * raw ones; or a single-line value (a path, URL, name, branch) holds a line break or tab. Such values break file names,
 * Git paths, URLs and terminals. Multi-line values are allowed where they belong: known_hosts and key material.
 */
public final class ControlCharacters implements SemanticRule {
    /** Keys whose value may span lines: ssh known_hosts and inline key material. */
    private static final Set<String> MULTI_LINE = Set.of("known_hosts", "private_key");

    @Override
    public void check(RuleContext ctx) {
        walk(ctx, ctx.view().root(), "");
    }

    private void walk(RuleContext ctx, YNode node, String key) {
        if (node instanceof YMap m) {
            for (YMap.Entry e : m.all()) {
                int bad = firstBad(e.key(), false);
                if (bad >= 0) {
                    ctx.report(Rule.CONTROL_CHARACTER, e.keyPosition(), e.value().path(), "a key holds " + describe(e.key().charAt(bad)),
                            "remove it: YAML's escapes in double quotes (\\e, \\0, \\x1b...) write characters no key may hold");
                }
                walk(ctx, e.value(), e.key());
            }
        } else if (node instanceof YSeq s) {
            for (YNode item : s.items()) walk(ctx, item, key);
        } else if (node instanceof YScalar s && s.value() instanceof String v) {
            boolean multiLine = MULTI_LINE.contains(key.toLowerCase(Locale.ROOT)) || SecretKeys.isSecretKey(key);
            int bad = firstBad(v, multiLine);
            if (bad >= 0) {
                char c = v.charAt(bad);
                boolean lineBreak = isLineBreak(c) || c == '\t';
                ctx.report(Rule.CONTROL_CHARACTER, s, "'" + s.path() + "' holds " + describe(c)
                                + (lineBreak ? " in a value that must be one line" : ""),
                        lineBreak ? "write it on one line; a line break or tab in a path, URL, name or branch breaks it"
                                : "remove it: YAML's escapes in double quotes (\\e, \\0, \\x1b...) write characters that"
                                + " break file names, URLs and terminals");
            }
        }
    }

    /** Index of the first character a value may not hold, or -1. */
    static int firstBad(String s, boolean multiLine) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (isLineBreak(c) || c == '\t') {
                if (!multiLine) return i;
            } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || isBidiOverride(c)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** The embeddings, overrides and isolates that reorder how text displays (not the plain marks LRM/RLM). */
    private static boolean isBidiOverride(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    private static String describe(char c) {
        String name = isLineBreak(c) ? "a line break" : c == '\t' ? "a tab" : c == 0 ? "a NUL character"
                : isBidiOverride(c) ? "a bidirectional override" : "a control character";
        return name + " (" + Printable.escape(c) + ")";
    }
}
