package io.orca.platform.fabric;

import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.load.YNode;
import io.orca.load.YScalar;
import io.orca.model.Names;
import io.orca.validate.NetworkView;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

import java.util.HashSet;
import java.util.Set;

/**
 * ORCA-E023 for the releases Fabric derives beyond {@code <org>-<service>}: {@code <org>-ch-<channel>} per
 * organization in a channel and {@code <org>-cc-<chaincode>} per chaincode of an organization's peers.
 */
public final class FabricReleaseNames implements SemanticRule {
    @Override
    public void check(RuleContext ctx) {
        NetworkView v = ctx.view();
        Set<String> here = new HashSet<>();
        for (YMap org : v.organizations()) {
            String name = org.text("name").orElse(null);
            if (name == null) continue;
            here.add(name);
            Set<String> seen = new HashSet<>();
            for (NetworkView.ServiceNode s : v.services(org)) {
                if (!s.group().equals("peers")) continue;
                for (YMap cc : NetworkView.maps(s.node().seq("chaincodes"))) {
                    cc.scalar("name").filter(n -> !n.isNull() && seen.add(n.asText()))
                            .ifPresent(n -> length(ctx, n, FabricPlanner.chaincodeRelease(name, n.asText()), "chaincode"));
                }
            }
        }
        v.network().ifPresent(network -> {
            for (YMap channel : NetworkView.maps(network.seq("channels"))) {
                YScalar id = channel.scalar("channel_name").filter(s -> !s.isNull()).orElse(null);
                if (id == null) continue;
                Set<String> orgs = new HashSet<>();
                channel.seq("orderers").ifPresent(l -> l.items().forEach(i -> {
                    if (i instanceof YScalar s && !s.isNull()) orgs.add(s.asText());
                }));
                for (YMap p : NetworkView.maps(channel.seq("participants"))) p.text("name").ifPresent(orgs::add);
                orgs.stream().filter(here::contains).sorted().findFirst().ifPresent(org -> {
                    String longest = orgs.stream().filter(here::contains)
                            .map(o -> FabricPlanner.channelRelease(o, FabricNames.channelId(id.asText())))
                            .max(java.util.Comparator.comparingInt(String::length)).orElseThrow();
                    length(ctx, id, longest, "channel");
                });
            }
        });
    }

    private static void length(RuleContext ctx, YNode at, String release, String what) {
        if (release.length() <= Names.MAX_RELEASE_NAME) return;
        ctx.report(Rule.RELEASE_NAME_TOO_LONG, at, "release name '" + release + "' of this " + what + " has " + release.length()
                        + " characters; Helm allows " + Names.MAX_RELEASE_NAME,
                "Fabric's release names are <organization>-ch-<channel> and <organization>-cc-<chaincode>: shorten the "
                        + what + " or organization name");
    }
}
