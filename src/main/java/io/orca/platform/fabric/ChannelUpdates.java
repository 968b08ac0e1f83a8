package io.orca.platform.fabric;

import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.load.YScalar;
import io.orca.validate.NetworkView;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

import java.util.List;

/**
 * ORCA-W052, when planning: Bevel's day-2 files mark what already runs ({@code channel_status: existing},
 * {@code org_status: existing}, {@code peerstatus: existing}). A new organization in an existing channel, or a new
 * anchor peer of an organization already in it, changes the channel's configuration, which only a configuration
 * update signed by the channel's admins can do; Orca does not build one yet (docs/decisions/0021). Everything else
 * still deploys: the new organization's peers wait for the update (their join Jobs time out without it).
 */
public final class ChannelUpdates implements SemanticRule {
    @Override
    public void check(RuleContext ctx) {
        ctx.view().network().ifPresent(network -> {
            for (YMap channel : NetworkView.maps(network.seq("channels"))) {
                String id = channel.text("channel_name").orElse("?");
                List<YMap> participants = NetworkView.maps(channel.seq("participants"));
                boolean existing = channel.text("channel_status").filter("existing"::equals).isPresent()
                        || participants.stream().anyMatch(p -> p.text("org_status").filter("existing"::equals).isPresent());
                if (!existing) continue;
                for (YMap p : participants) {
                    YScalar name = p.scalar("name").orElse(null);
                    if (name == null) continue;
                    String status = p.text("org_status").orElse("new");
                    if (status.equals("new")) {
                        ctx.report(Rule.CHANNEL_UPDATE_REQUIRED, name, "adding organization '" + name.asText() + "' to existing channel '"
                                        + id + "' needs a channel configuration update signed by its admins, which Orca does not build yet",
                                "its releases deploy, but its peers join only after the channel's admins add it (e.g. with "
                                        + "configtxlator and peer channel update); see docs/decisions/0021");
                    } else if (status.equals("delete")) {
                        ctx.report(Rule.CHANNEL_UPDATE_REQUIRED, name, "removing organization '" + name.asText() + "' from channel '"
                                + id + "' needs a channel configuration update, which Orca does not build yet",
                                "remove it with a configuration update signed by the channel's admins; see docs/decisions/0021");
                    } else {
                        for (YMap peer : NetworkView.maps(p.seq("peers"))) {
                            boolean anchor = peer.text("type").filter("anchor"::equals).isPresent();
                            boolean isNew = peer.text("peerstatus").filter("new"::equals).isPresent();
                            if (anchor && isNew) {
                                peer.scalar("name").ifPresent(pn -> ctx.report(Rule.CHANNEL_UPDATE_REQUIRED, pn, "new anchor peer '"
                                                + pn.asText() + "' of '" + name.asText() + "' on existing channel '" + id
                                                + "' needs a channel configuration update, which Orca does not build yet",
                                        "the peer deploys and joins; it becomes an anchor peer once an update adds it"));
                            }
                        }
                    }
                }
            }
        });
    }
}
