package io.orca.validate.rules;

import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.load.YNode;
import io.orca.load.YScalar;
import io.orca.load.YSeq;
import io.orca.model.CredentialReference;
import io.orca.model.SecretKeys;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

import java.util.Locale;
import java.util.Set;

/**
 * ORCA-W005: a secret key ({@link SecretKeys}) whose value is the secret itself, written inline, instead of a
 * {@code ${env:NAME}} or {@code ${file:PATH}} reference. Keys that hold the path of a key file ({@code private_key})
 * are reported only when the value is key material. Left to other rules: placeholders (ORCA-W001) and malformed
 * references (ORCA-E030). Messages and hints never show the value.
 */
public final class InlineSecrets implements SemanticRule {
    /** Secret keys whose value, in Bevel's format, is the path of a key file, not the secret itself. */
    private static final Set<String> PATH_KEYS = Set.of("private_key");

    @Override
    public void check(RuleContext ctx) {
        walk(ctx, ctx.view().root());
    }

    /** Whether the value at a path is the path of a key file (gitops.private_key), not a secret itself. */
    static boolean holdsPath(String path) {
        return isPathKey(SecretKeys.lastKey(path));
    }

    private static boolean isPathKey(String key) {
        return PATH_KEYS.contains(key.toLowerCase(Locale.ROOT));
    }

    private void walk(RuleContext ctx, YNode node) {
        if (node instanceof YMap m) {
            for (YMap.Entry e : m.all()) {
                if (SecretKeys.isSecretKey(e.key()) && e.value() instanceof YScalar s) check(ctx, e.key(), s);
                else walk(ctx, e.value());
            }
        } else if (node instanceof YSeq s) {
            s.items().forEach(i -> walk(ctx, i));
        }
    }

    private static void check(RuleContext ctx, String key, YScalar s) {
        if (s.isNull()) return;
        String v = s.asText();
        if (v.isBlank()) return;
        if (CredentialReference.isReference(v)) return;
        if (v.contains("${")) return;                               // a malformed reference: ORCA-E030
        if (s.value() instanceof String && Placeholders.isPlaceholder(s.path(), v)) return;   // ORCA-W001
        if (isPathKey(key)) {
            if (!v.contains("-----BEGIN") && !v.strip().contains("\n")) return;   // a path to the key file
            ctx.report(Rule.INLINE_SECRET, s, "the private key itself is written inline at '" + s.path()
                            + "' (" + key + " holds the path of a key file)",
                    "save the key to a file outside the repository and write its path instead: " + key
                            + ": ~/.ssh/id_ed25519 (or " + key + ": ${file:/path/to/key}); replace the key if this file"
                            + " was ever committed");
            return;
        }
        ctx.report(Rule.INLINE_SECRET, s, "the credential at '" + s.path() + "' is written inline",
                "reference it instead: " + key + ": ${env:" + SecretHints.envName(ctx.view().root(), s.path())
                        + "} (an environment variable) or " + key + ": ${file:/path/to/file}; rotate the value if this"
                        + " file was ever committed");
    }
}
