package io.orca.validate.rules;

import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.load.YNode;
import io.orca.model.Platforms;
import io.orca.validate.NetworkView;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

import java.util.Locale;
import java.util.Set;

/**
 * ORCA-W002: a BFT consensus tolerates f faulty validators with 3f+1 of them; with fewer than 4 it tolerates none.
 * A file that defines no validator at all joins an existing network and is not counted. Which service group runs
 * consensus is the platform's {@code consensus_group}.
 */
public final class ConsensusMinimum implements SemanticRule {
    private static final Set<String> BFT = Set.of("qbft", "ibft", "ibft2", "bft", "smartbft");

    @Override
    public void check(RuleContext ctx) {
        NetworkView v = ctx.view();
        YMap network = v.network().orElse(null);
        if (network == null) return;
        YNode where;
        String consensus;
        if (network.map("config").flatMap(c -> c.scalar("consensus")).isPresent()) {
            where = network.map("config").get().get("consensus");
            consensus = network.map("config").get().text("consensus").orElse("");
        } else if (network.map("consensus").flatMap(c -> c.scalar("name")).isPresent()) {
            where = network.map("consensus").get().get("name");
            consensus = network.map("consensus").get().text("name").orElse("");
        } else {
            return;
        }
        if (!BFT.contains(consensus.toLowerCase(Locale.ROOT))) return;
        String group = Platforms.consensusGroup(v.platform());
        int count = 0;
        for (YMap org : v.organizations()) {
            for (NetworkView.ServiceNode s : v.services(org)) {
                if (s.group().equals(group)) count++;
                else if (s.group().equals("peers") && s.node().text("type").filter("validator"::equals).isPresent()) count++;
            }
        }
        if (count > 0 && count < 4) {
            ctx.report(Rule.TOO_FEW_VALIDATORS, where, consensus + " with " + count + " " + group
                            + " tolerates no faulty node (BFT needs 3f+1)",
                    "run at least 4 " + group + " so that one can fail");
        }
    }
}
