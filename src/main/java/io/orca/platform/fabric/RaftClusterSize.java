package io.orca.platform.fabric;

import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.load.YScalar;
import io.orca.validate.NetworkView;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

/**
 * ORCA-W050: raft keeps ordering while a majority of its 2f+1 orderers runs; with 1 or 2 orderers the first failure
 * stops the channel. Counts the orderers the file defines (services.orderers); a file that defines none joins an
 * existing ordering service and is not counted.
 */
public final class RaftClusterSize implements SemanticRule {
    static final int MINIMUM = 3;

    @Override
    public void check(RuleContext ctx) {
        NetworkView v = ctx.view();
        YScalar consensus = v.network().flatMap(n -> n.map("consensus")).flatMap(c -> c.scalar("name")).orElse(null);
        if (consensus == null || !"raft".equals(consensus.asText())) return;
        int count = 0;
        for (YMap org : v.organizations()) {
            for (NetworkView.ServiceNode s : v.services(org)) if (s.group().equals("orderers")) count++;
        }
        if (count > 0 && count < MINIMUM) {
            ctx.report(Rule.TOO_FEW_ORDERERS, consensus, "raft with " + count + " orderer" + (count == 1 ? "" : "s")
                            + " tolerates no failed orderer (2f+1 orderers tolerate f)",
                    "run at least 3 orderers (5 to keep ordering through a failure during maintenance)");
        }
    }
}
