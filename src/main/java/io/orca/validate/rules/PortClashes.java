package io.orca.validate.rules;

import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.load.YScalar;
import io.orca.validate.NetworkView;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * ORCA-E025: ports that collide. Within one service (one Pod) every container port must differ. ORCA-W006: across
 * an organization's services, ports exposed on a proxy ({@code ambassador}) should differ, except 80 and 443 where
 * the proxy routes by host name; whether they collide depends on whether the services share one proxy.
 */
public final class PortClashes implements SemanticRule {
    private static final Set<Long> HOST_ROUTED = Set.of(80L, 443L);

    @Override
    public void check(RuleContext ctx) {
        for (YMap org : ctx.view().organizations()) {
            Map<Long, String> proxyPorts = new HashMap<>();
            for (NetworkView.ServiceNode s : ctx.view().services(org)) {
                String service = s.name().map(YScalar::asText).orElse(s.group());
                Map<Long, String> podPorts = new HashMap<>();
                for (YMap.Entry e : NetworkView.ports(s.node())) {
                    YMap port = (YMap) e.value();
                    YScalar p = port.scalar("port").orElseThrow();
                    String first = podPorts.putIfAbsent((Long) p.value(), e.key());
                    if (first != null) {
                        ctx.report(Rule.PORT_CLASH, p, "port " + p.value() + " of '" + e.key() + "' is already used by '"
                                        + first + "' in service '" + service + "'",
                                "each port of one service runs in the same Pod; give '" + e.key() + "' another port");
                    }
                    port.scalar("ambassador").filter(a -> a.value() instanceof Long).ifPresent(a -> {
                        Long value = (Long) a.value();
                        if (HOST_ROUTED.contains(value)) return;
                        String owner = service + "." + e.key();
                        String previous = proxyPorts.putIfAbsent(value, owner);
                        if (previous != null) {
                            ctx.report(Rule.PROXY_PORT_REUSED, a, "proxy port " + value + " of '" + owner + "' is already used by '"
                                    + previous + "'", "if these services share one proxy (Bevel's ambassador is one per cluster) they collide; pick an unused port");
                        }
                    });
                }
            }
        }
    }
}
