package io.orca.platform.fabric;

import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.load.YNode;
import io.orca.load.YScalar;
import io.orca.validate.NetworkView;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ORCA-E050: within one channel an organization is listed once per role (participants, endorsers, orderer
 * organizations): each listing becomes its MSP's group in the channel configuration, keyed by its MSP ID
 * ({@code <org>MSP}), and a second would overwrite the first. ORCA-E051: channel names, lower-cased as Bevel and Fabric
 * do, are valid Fabric channel IDs and unique.
 */
public final class FabricChannels implements SemanticRule {
    /** Fabric's channel ID rule (common/configtx: validateChannelID), with its length limit. */
    static final Pattern CHANNEL_ID = Pattern.compile("[a-z][a-z0-9.-]*");
    static final int MAX_CHANNEL_ID = 249;

    @Override
    public void check(RuleContext ctx) {
        YMap network = ctx.view().network().orElse(null);
        if (network == null) return;
        Map<String, YScalar> ids = new HashMap<>();
        for (YMap channel : NetworkView.maps(network.seq("channels"))) {
            channel.scalar("channel_name").filter(s -> !s.isNull()).ifPresent(name -> {
                String id = name.asText().toLowerCase(Locale.ROOT);
                if (!CHANNEL_ID.matcher(id).matches() || id.length() > MAX_CHANNEL_ID) {
                    ctx.report(Rule.INVALID_CHANNEL_ID, name, "channel name '" + name.asText() + "' gives channel ID '" + id
                                    + "', which Fabric refuses",
                            "a channel ID starts with a letter and holds only a-z, 0-9, '.' and '-' (at most 249 characters)");
                    return;
                }
                YScalar first = ids.putIfAbsent(id, name);
                if (first != null) {
                    ctx.report(Rule.INVALID_CHANNEL_ID, name, "channel '" + name.asText() + "' has channel ID '" + id
                                    + "', like the channel at line " + first.position().line(),
                            "Fabric lower-cases channel names: give each channel a name unique in lower case");
                }
            });
            for (String role : List.of("participants", "endorsers")) {
                Map<String, YScalar> seen = new HashMap<>();
                for (YMap member : NetworkView.maps(channel.seq(role))) {
                    member.scalar("name").filter(s -> !s.isNull()).ifPresent(n -> duplicate(ctx, seen, n, role));
                }
            }
            Map<String, YScalar> orderers = new HashMap<>();
            channel.seq("orderers").ifPresent(list -> {
                for (YNode item : list.items()) {
                    if (item instanceof YScalar s && !s.isNull()) duplicate(ctx, orderers, s, "orderers");
                }
            });
        }
    }

    private static void duplicate(RuleContext ctx, Map<String, YScalar> seen, YScalar name, String role) {
        YScalar first = seen.putIfAbsent(name.asText(), name);
        if (first == null) return;
        ctx.report(Rule.DUPLICATE_MSP_ID, name, "organization '" + name.asText() + "' (MSP ID " + FabricNames.mspId(name.asText())
                        + ") is already listed in this channel's " + role + " at line " + first.position().line(),
                "list each organization once per channel role; merge the two entries (their peers together)");
    }
}
