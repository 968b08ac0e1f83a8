package io.orca.platform.fabric;

import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.load.YScalar;
import io.orca.schema.Suggest;
import io.orca.validate.NetworkView;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ORCA-E024 and ORCA-W004 for Fabric: channels name organizations, their peers and the orderer organizations;
 * network.orderers name organizations and their orderers; an organization's orderer_org and a channel's orderer
 * organizations run orderers. A name unlike any organization here may be an organization of the existing network,
 * outside this file (a warning); a near miss is a typo (an error).
 */
public final class FabricReferences implements SemanticRule {
    @Override
    public void check(RuleContext ctx) {
        NetworkView v = ctx.view();
        Map<String, Set<String>> peers = new HashMap<>();
        Map<String, Set<String>> orderers = new HashMap<>();
        for (YMap org : v.organizations()) {
            String name = org.text("name").orElse(null);
            if (name == null) continue;
            Set<String> p = peers.computeIfAbsent(name, k -> new HashSet<>());
            Set<String> o = orderers.computeIfAbsent(name, k -> new HashSet<>());
            for (NetworkView.ServiceNode s : v.services(org)) {
                s.name().ifPresent(n -> {
                    if (s.group().equals("peers")) p.add(n.asText());
                    if (s.group().equals("orderers")) o.add(n.asText());
                });
            }
        }
        for (YMap org : v.organizations()) {
            org.scalar("orderer_org").filter(s -> !s.isNull())
                    .ifPresent(ref -> ordererOrganization(ctx, ref, orderers, "orderer_org"));
        }
        YMap network = v.network().orElse(null);
        if (network == null) return;
        for (YMap orderer : NetworkView.maps(network.seq("orderers"))) {
            orderer.scalar("org_name").ifPresent(org -> {
                if (organization(ctx, org, peers.keySet(), "orderer's org_name")) {
                    orderer.scalar("name").ifPresent(n -> {
                        if (!orderers.get(org.asText()).contains(n.asText()) && !orderers.get(org.asText()).isEmpty()) {
                            ctx.report(Rule.UNRESOLVED_REFERENCE, n, "orderer '" + n.asText() + "' is not an orderer of organization '"
                                    + org.asText() + "'", "known orderers: " + String.join(", ", sorted(orderers.get(org.asText()))));
                        }
                    });
                }
            });
        }
        for (YMap channel : NetworkView.maps(network.seq("channels"))) {
            channel.map("osn_creator_org").flatMap(m -> m.scalar("name"))
                    .ifPresent(org -> ordererOrganization(ctx, org, orderers, "osn_creator_org"));
            channel.seq("orderers").ifPresent(list -> list.items().forEach(item -> {
                if (item instanceof YScalar org && !org.isNull()) ordererOrganization(ctx, org, orderers, "channel orderer organization");
            }));
            for (String role : List.of("participants", "endorsers")) {
                for (YMap participant : NetworkView.maps(channel.seq(role))) {
                    participant.scalar("name").ifPresent(org -> {
                        if (!organization(ctx, org, peers.keySet(), "channel " + role.substring(0, role.length() - 1))) return;
                        Set<String> known = peers.get(org.asText());
                        for (YMap peer : NetworkView.maps(participant.seq("peers"))) {
                            peer.scalar("name").ifPresent(pn -> {
                                if (!known.contains(pn.asText())) {
                                    ctx.report(Rule.UNRESOLVED_REFERENCE, pn, "peer '" + pn.asText() + "' is not a peer of organization '"
                                                    + org.asText() + "'",
                                            known.isEmpty() ? "organization '" + org.asText() + "' defines no peers"
                                                    : "known peers: " + String.join(", ", sorted(known)));
                                }
                            });
                        }
                    });
                }
            }
        }
    }

    /** A reference to an organization that must run orderers (when it is defined in this file). */
    private static void ordererOrganization(RuleContext ctx, YScalar ref, Map<String, Set<String>> orderers, String what) {
        if (!organization(ctx, ref, orderers.keySet(), what)) return;
        if (!orderers.get(ref.asText()).isEmpty()) return;
        List<String> running = orderers.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).sorted().toList();
        ctx.report(Rule.UNRESOLVED_REFERENCE, ref, what + " '" + ref.asText() + "' runs no orderers",
                running.isEmpty() ? "no organization of this file defines services.orderers"
                        : "organizations with orderers: " + String.join(", ", running));
    }

    private static boolean organization(RuleContext ctx, YScalar ref, Set<String> organizations, String what) {
        if (organizations.contains(ref.asText())) return true;
        // A near miss is a typo; a name unlike any here is an organization of the existing network, outside this file.
        String suggestion = Suggest.closest(ref.asText(), organizations);
        if (suggestion != null) {
            ctx.report(Rule.UNRESOLVED_REFERENCE, ref, what + " '" + ref.asText() + "' is not an organization of this network",
                    "did you mean '" + suggestion + "'?");
        } else {
            ctx.report(Rule.UNRESOLVED_EXTERNAL, ref, what + " '" + ref.asText() + "' is not defined in this file",
                    "fine if it is an existing organization of the network; organizations here: "
                            + String.join(", ", sorted(organizations)));
        }
        return false;
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
