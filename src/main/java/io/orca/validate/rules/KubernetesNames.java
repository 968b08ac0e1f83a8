package io.orca.validate.rules;

import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.load.YScalar;
import io.orca.model.Names;
import io.orca.validate.NetworkView;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

/**
 * ORCA-E022 and ORCA-E023: organization names, service names and env.type become namespaces, release and object
 * names, so they must be DNS-1123 labels, and every derived Helm release name must fit in 53 characters.
 */
public final class KubernetesNames implements SemanticRule {
    @Override
    public void check(RuleContext ctx) {
        String platform = ctx.view().platform();
        ctx.view().network().flatMap(n -> n.map("env")).flatMap(e -> e.scalar("type")).ifPresent(t -> {
            if (!Names.isDnsLabel(Names.fluxNamespace(t.asText()))) {
                ctx.report(Rule.NOT_DNS_LABEL, t, "env.type '" + t.asText() + "' does not make a valid namespace 'flux-"
                        + t.asText() + "'", "use lower-case letters, digits and '-', e.g. '" + Names.toDnsLabel(t.asText()) + "'");
            }
        });
        for (YMap org : ctx.view().organizations()) {
            YScalar orgName = org.scalar("name").orElse(null);
            if (orgName == null) continue;
            String o = orgName.asText();
            if (!label(ctx, orgName, "organization name")) continue;
            String ns = Names.namespace(platform, o);
            if (ns.length() > Names.MAX_LABEL) {
                ctx.report(Rule.NOT_DNS_LABEL, orgName, "namespace '" + ns + "' derived from organization '" + o
                        + "' is " + ns.length() + " characters; the limit is 63", "shorten the organization name");
            }
            for (NetworkView.ServiceNode s : ctx.view().services(org)) {
                YScalar name = s.name().orElse(null);
                if (name == null || !label(ctx, name, "service name")) continue;
                String release = ctx.platform().longestReleaseName(ctx.view(), o, s, name.asText());
                if (release.length() > Names.MAX_RELEASE_NAME) {
                    ctx.report(Rule.RELEASE_NAME_TOO_LONG, name, "Helm release name '" + release + "' is " + release.length()
                                    + " characters; Helm's limit is " + Names.MAX_RELEASE_NAME,
                            "shorten the organization or service name by " + (release.length() - Names.MAX_RELEASE_NAME)
                                    + " characters (" + ctx.platform().releaseNameHint() + ")");
                }
            }
        }
    }

    private static boolean label(RuleContext ctx, YScalar name, String what) {
        String v = name.asText();
        if (Names.isDnsLabel(v)) return true;
        String why = v.length() > Names.MAX_LABEL ? "is longer than 63 characters"
                : "is not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit)";
        ctx.report(Rule.NOT_DNS_LABEL, name, what + " '" + v + "' " + why,
                "it becomes a Kubernetes name; try '" + Names.toDnsLabel(v) + "'");
        return false;
    }
}
