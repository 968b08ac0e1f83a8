package io.orca.validate.rules;

import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.load.YNode;
import io.orca.load.YScalar;
import io.orca.load.YSeq;
import io.orca.model.Redaction;
import io.orca.model.SecretKeys;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

import java.util.Locale;

/**
 * ORCA-E031: a URL anywhere in network.yaml (gitops {@code git_url}, a chart repository's {@code url}, a
 * notification {@code address}, ...) carries credentials in its user part: {@code https://user:password@host},
 * {@code https://TOKEN@host}, {@code ssh://git:password@host}; or a scheme-less address does
 * ({@code user:password@host/path} in {@code git_repo} or a registry {@code url}). An ssh user without a password
 * ({@code ssh://git@host}, {@code git@host:path}) is a plain name. The message shows the URL redacted.
 */
public final class UrlCredentials implements SemanticRule {
    @Override
    public void check(RuleContext ctx) {
        walk(ctx, ctx.view().root(), "");
    }

    private void walk(RuleContext ctx, YNode node, String key) {
        if (node instanceof YMap m) {
            for (YMap.Entry e : m.all()) walk(ctx, e.value(), e.key());
        } else if (node instanceof YSeq s) {
            for (YNode item : s.items()) walk(ctx, item, key);
        } else if (node instanceof YScalar s && s.value() instanceof String v && !SecretKeys.isSecretKey(key)) {
            // A secret's own value is masked everywhere already; anything else naming credentials in a URL is reported.
            if ((v.contains("://") || addressKey(key)) && Redaction.hasCredentials(v)) report(ctx, s, key);
        }
    }

    /** Keys whose value is an address without a scheme (Bevel's git_repo, a registry url). */
    private static boolean addressKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.equals("git_repo") || k.equals("url") || k.endsWith("_url") || k.equals("address");
    }

    private static void report(RuleContext ctx, YScalar s, String key) {
        String path = s.path();
        String hint;
        if (path.contains(".gitops.") && !path.contains(".chart_repository.")) {
            String parent = path.substring(0, path.lastIndexOf('.'));
            hint = "remove them from the URL: write the user as 'username' and the token as 'password', referenced,"
                    + " e.g. password: ${env:" + SecretHints.envName(ctx.view().root(), parent + ".password") + "}";
        } else if (path.contains(".chart_repository.")) {
            hint = "remove them from the URL: Flux reads a chart repository's credentials from a Secret in the cluster,"
                    + " never from the URL in Git";
        } else if (key.equals("address")) {
            hint = "remove them from the URL: give the Provider a secret_ref naming a Secret that holds the address";
        } else {
            hint = "remove them from the URL and reference credentials where network.yaml has a key for them, as"
                    + " ${env:NAME} or ${file:PATH}";
        }
        ctx.report(Rule.URL_CREDENTIALS, s, "'" + path + "' carries credentials in its URL ('" + Redaction.url(s.asText())
                + "'); they would be printed and committed with it", hint);
    }
}
