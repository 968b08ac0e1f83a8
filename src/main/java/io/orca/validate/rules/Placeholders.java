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

import java.util.Set;
import java.util.regex.Pattern;

/**
 * ORCA-W001: values copied from Bevel's samples without being filled in ({@code <username>}, {@code vault_addr},
 * {@code cluster_context}, ...; for secret keys also filler such as {@code s.aaaaaaaa} and variable names such as
 * {@code VAULT_TOKEN}). ORCA-E030: a {@code ${...}} credential reference that is malformed.
 */
public final class Placeholders implements SemanticRule {
    private static final Set<String> SAMPLE_VALUES = Set.of("vault_addr", "cluster_context", "cluster_config",
            "git_username", "git_access_token", "path_to_private_key", "docker_username", "docker_password",
            "aws_region", "cluster_region", "vault_root_token", "git@email.com");
    private static final Pattern ANGLE = Pattern.compile("<[A-Za-z][A-Za-z0-9 _.-]*>");
    private static final Pattern REFERENCE = CredentialReference.PATTERN;
    /** A secret that is one character repeated (after a short prefix such as {@code s.} or {@code ghp_}): {@code s.aaaaaaaa}. */
    private static final Pattern FILLER = Pattern.compile("(?:[A-Za-z0-9]{1,4}[._-])?(.)\\1{7,}");
    /** A secret that is the name of an environment variable, as Bevel's CI substitutes them: {@code VAULT_TOKEN}. */
    // The lookbehind keeps find() linear (a name starts where a word starts; matches() is unaffected); the bounded
    // repetition keeps the regex engine's recursion, one level per "_PART", off a long value's stack.
    private static final Pattern VARIABLE_NAME = Pattern.compile("(?<![A-Z0-9_])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+){1,32}");

    @Override
    public void check(RuleContext ctx) {
        walk(ctx, ctx.view().root());
    }

    /**
     * Whether a string value at a path is a placeholder this rule reports (ORCA-W001). ORCA-W005 leaves these to
     * it, so that a value is reported once.
     */
    public static boolean isPlaceholder(String path, String value) {
        if (value.contains("${")) return false;
        if (SAMPLE_VALUES.contains(value) || (value.indexOf('<') >= 0 && ANGLE.matcher(value).find())) return true;
        return SecretKeys.isSecretPath(path) && (FILLER.matcher(value).matches() || VARIABLE_NAME.matcher(value).matches());
    }

    private void walk(RuleContext ctx, YNode node) {
        if (node instanceof YMap m) {
            m.all().forEach(e -> walk(ctx, e.value()));
        } else if (node instanceof YSeq s) {
            s.items().forEach(i -> walk(ctx, i));
        } else if (node instanceof YScalar s && s.value() instanceof String v) {
            if (v.contains("${")) {
                if (!REFERENCE.matcher(v).matches()) {
                    ctx.report(Rule.INVALID_REFERENCE_SYNTAX, s, "'" + s.path() + "' is not a valid credential reference",
                            "write ${env:NAME} or ${file:/path/to/file}, alone in the value");
                }
                return;
            }
            if (isPlaceholder(s.path(), v)) {
                boolean secret = SecretKeys.maybeSecretPath(s.path());
                String shown = secret ? "the value" : "'" + io.orca.model.GitUrls.redact(v) + "'";
                ctx.report(Rule.PLACEHOLDER, s, shown + " at '" + s.path() + "' looks like a placeholder from a sample",
                        secret ? secretHint(ctx, s.path(), v) : "replace it with the real value before deploying");
            }
        }
    }

    /** Never shows the value: a real secret may look like a variable name. */
    private static String secretHint(RuleContext ctx, String path, String value) {
        if (InlineSecrets.holdsPath(path)) return "replace it with the path of the key file before deploying";
        if (VARIABLE_NAME.matcher(value).matches()) {
            return "if it names an environment variable, reference it: ${env:NAME}; else reference the real value,"
                    + " e.g. ${env:" + SecretHints.envName(ctx.view().root(), path) + "}";
        }
        return "reference the real value instead of writing it here: ${env:" + SecretHints.envName(ctx.view().root(), path)
                + "} or ${file:/path/to/file}";
    }
}
