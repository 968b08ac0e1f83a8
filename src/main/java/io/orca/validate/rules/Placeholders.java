package io.orca.validate.rules;

import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.load.YNode;
import io.orca.load.YScalar;
import io.orca.load.YSeq;
import io.orca.model.SecretKeys;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * ORCA-W001: values copied from Bevel's samples without being filled in ({@code <username>}, {@code vault_addr},
 * {@code cluster_context}, ...). ORCA-E030: a {@code ${...}} credential reference that is malformed.
 */
public final class Placeholders implements SemanticRule {
    private static final Set<String> SAMPLE_VALUES = Set.of("vault_addr", "cluster_context", "cluster_config",
            "git_username", "git_access_token", "path_to_private_key", "docker_username", "docker_password",
            "aws_region", "cluster_region", "vault_root_token", "git@email.com");
    private static final Pattern ANGLE = Pattern.compile("<[A-Za-z][A-Za-z0-9 _.-]*>");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):[^}\\s]+}");

    @Override
    public void check(RuleContext ctx) {
        walk(ctx, ctx.view().root());
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
            if (SAMPLE_VALUES.contains(v) || ANGLE.matcher(v).find()) {
                String shown = SecretKeys.isSecretPath(s.path()) ? "the value" : "'" + io.orca.model.GitUrls.redact(v) + "'";
                ctx.report(Rule.PLACEHOLDER, s, shown + " at '" + s.path() + "' looks like a placeholder from a sample",
                        "replace it with the real value before deploying");
            }
        }
    }
}
