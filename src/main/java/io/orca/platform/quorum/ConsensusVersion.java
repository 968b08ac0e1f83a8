package io.orca.platform.quorum;

import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.load.YScalar;
import io.orca.model.Platforms;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ORCA-E028 for GoQuorum: the version runs the consensus ({@code versions.<v>.consensus} in platform.yaml; QBFT's
 * genesis config arrived in GoQuorum 22.4, so 21.4.2 runs raft and ibft only). An unsupported version is the generic
 * rule's business.
 */
final class ConsensusVersion implements SemanticRule {
    @Override
    @SuppressWarnings("unchecked")
    public void check(RuleContext ctx) {
        YMap network = ctx.view().network().orElse(null);
        if (network == null) return;
        Optional<YScalar> consensus = network.map("config").flatMap(c -> c.scalar("consensus"));
        if (consensus.isEmpty()) return;
        Map<String, Object> d = Platforms.descriptor("quorum");
        String version = network.text("version").orElse(String.valueOf(d.get("default_version")));
        if (!(d.get("versions") instanceof Map<?, ?> versions) || !(versions.get(version) instanceof Map<?, ?> entry)
                || !(entry.get("consensus") instanceof List<?> runs)) {
            return;
        }
        String c = consensus.get().asText();
        if (runs.stream().map(String::valueOf).noneMatch(c::equals)) {
            List<String> with = ((Map<String, Object>) versions).entrySet().stream()
                    .filter(e -> e.getValue() instanceof Map<?, ?> m && m.get("consensus") instanceof List<?> l && l.contains(c))
                    .map(Map.Entry::getKey).toList();
            ctx.report(Rule.UNSUPPORTED_VERSION, consensus.get(), "GoQuorum " + version + " does not run " + c + " consensus",
                    "with " + version + " use " + String.join(" or ", runs.stream().map(String::valueOf).toList())
                            + (with.isEmpty() ? "" : "; " + c + " needs version " + String.join(" or ", with)));
        }
    }
}
