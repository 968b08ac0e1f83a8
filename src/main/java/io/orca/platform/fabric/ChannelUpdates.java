package io.orca.platform.fabric;

import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.load.YNode;
import io.orca.load.YScalar;
import io.orca.validate.NetworkView;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

import java.util.List;
import java.util.Optional;

/**
 * ORCA-W052, when planning: Bevel's day-2 files mark what already runs ({@code channel_status: existing},
 * {@code org_status: existing}). Orca builds and signs the configuration update of a running channel's application
 * organizations — added, removed, new anchor peers (docs/decisions/0030) — but not of its ordering service: a new
 * orderer organization in the channel's {@code orderers}, or an orderer marked {@code status: new} there, needs new
 * consenters, which this warning names. Everything else still deploys.
 */
public final class ChannelUpdates implements SemanticRule {
    @Override
    public void check(RuleContext ctx) {
        ctx.view().network().ifPresent(network -> {
            for (YMap channel : NetworkView.maps(network.seq("channels"))) {
                String id = channel.text("channel_name").orElse("?");
                List<YMap> participants = NetworkView.maps(channel.seq("participants"));
                boolean running = channel.text("channel_status").filter("existing"::equals).isPresent()
                        || participants.stream().anyMatch(p -> p.text("org_status").filter("existing"::equals).isPresent());
                if (!running) continue;
                channel.seq("orderers").ifPresent(list -> {
                    for (YNode item : list.items()) {
                        if (!(item instanceof YScalar name) || name.isNull()) continue;
                        Optional<YMap> org = ctx.view().organizations().stream()
                                .filter(o -> o.text("name").filter(name.asText()::equals).isPresent()).findFirst();
                        if (org.isEmpty()) continue;
                        if (org.get().text("org_status").filter("new"::equals).isPresent()) {
                            ctx.report(Rule.CHANNEL_UPDATE_REQUIRED, name, "orderer organization '" + name.asText()
                                            + "' is new in running channel '" + id + "': its consenters need an update of the channel's "
                                            + "orderer group, which Orca does not build",
                                    "its orderers deploy but do not take part in the channel until the channel's admins add them "
                                            + "as consenters; see docs/decisions/0030");
                            continue;
                        }
                        for (NetworkView.ServiceNode s : ctx.view().services(org.get())) {
                            if (!s.group().equals("orderers") || s.node().text("status").filter("new"::equals).isEmpty()) continue;
                            s.name().ifPresent(n -> ctx.report(Rule.CHANNEL_UPDATE_REQUIRED, n, "new orderer '" + n.asText() + "' of '"
                                            + name.asText() + "' in running channel '" + id + "' needs a consenter update, which Orca "
                                            + "does not build",
                                    "it deploys, but takes part in the channel only once the channel's admins add it as a consenter; "
                                            + "see docs/decisions/0030"));
                        }
                    }
                });
            }
        });
    }
}
