package io.orca.validate.rules;

import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.load.YScalar;
import io.orca.validate.NetworkView;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

import java.util.HashMap;
import java.util.Map;

/** ORCA-E020 and ORCA-E021: organization names are unique in the network, service names within an organization. */
public final class UniqueNames implements SemanticRule {
    @Override
    public void check(RuleContext ctx) {
        Map<String, YScalar> orgs = new HashMap<>();
        for (YMap org : ctx.view().organizations()) {
            org.scalar("name").ifPresent(name -> {
                YScalar first = orgs.putIfAbsent(name.asText(), name);
                if (first != null) {
                    ctx.report(Rule.DUPLICATE_ORGANIZATION, name,
                            "organization '" + name.asText() + "' is already defined at line " + first.position().line(),
                            "give each organization a unique name; it names its namespace and releases");
                }
            });
            Map<String, YScalar> services = new HashMap<>();
            for (NetworkView.ServiceNode s : ctx.view().services(org)) {
                s.name().ifPresent(name -> {
                    YScalar first = services.putIfAbsent(name.asText(), name);
                    if (first != null) {
                        ctx.report(Rule.DUPLICATE_SERVICE, name,
                                "service '" + name.asText() + "' is already defined in this organization at line "
                                        + first.position().line(),
                                "give each service of an organization a unique name; it names its Helm release");
                    }
                });
            }
        }
    }
}
