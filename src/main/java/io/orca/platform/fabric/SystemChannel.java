package io.orca.platform.fabric;

import io.orca.diag.Rule;
import io.orca.load.YScalar;
import io.orca.model.Platforms;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

import java.util.List;
import java.util.Map;

/**
 * ORCA-E054, when planning: Orca builds Fabric 2.5 networks with channel participation (each channel's genesis block
 * joined through the orderers' admin API). Fabric before 2.3 and Kafka ordering need a system channel and a
 * consortium instead, which Orca does not build: such a file is valid Bevel input, but Orca refuses to plan it and
 * says why. Versions that need one are marked {@code system_channel: true} in platforms/fabric/platform.yaml.
 */
public final class SystemChannel implements SemanticRule {
    @Override
    public void check(RuleContext ctx) {
        ctx.view().network().ifPresent(network -> {
            network.scalar("version").filter(s -> !s.isNull()).ifPresent(v -> version(ctx, v));
            network.map("consensus").flatMap(c -> c.scalar("name")).filter(s -> "kafka".equals(s.asText())).ifPresent(k ->
                    ctx.report(Rule.SYSTEM_CHANNEL_REQUIRED, k, "Kafka ordering needs a system channel, which Orca does not build",
                            "Orca deploys raft ordering with channel participation: set network.consensus.name and the orderers' "
                                    + "consensus to raft (Fabric deprecated Kafka in 2.x and removed it in 3.0)"));
        });
    }

    private static void version(RuleContext ctx, YScalar v) {
        Object entry = versions().get(v.asText());
        if (!(entry instanceof Map<?, ?> m) || !Boolean.TRUE.equals(m.get("system_channel"))) return;
        ctx.report(Rule.SYSTEM_CHANNEL_REQUIRED, v, "Fabric " + v.asText() + " needs a system channel, which Orca does not build",
                "Orca deploys Fabric " + String.join(" or ", channelParticipation()) + " with channel participation and no system "
                        + "channel: set version: \"" + channelParticipation().get(channelParticipation().size() - 1) + "\"");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> versions() {
        Object v = Platforms.descriptor("fabric").get("versions");
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The supported versions that need no system channel, in platform.yaml order. */
    static List<String> channelParticipation() {
        return versions().entrySet().stream()
                .filter(e -> !(e.getValue() instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("system_channel"))))
                .map(Map.Entry::getKey).toList();
    }
}
