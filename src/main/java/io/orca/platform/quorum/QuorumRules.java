package io.orca.platform.quorum;

import io.orca.platform.tessera.TesseraPlatformRules;
import io.orca.validate.SemanticRule;

import java.util.ArrayList;
import java.util.List;

/** GoQuorum's part in validation: what it shares with every platform that runs Tessera, and its consensus per version. */
public final class QuorumRules extends TesseraPlatformRules {
    public QuorumRules() {
        super("quorum");
    }

    @Override
    public List<SemanticRule> rules() {
        List<SemanticRule> rules = new ArrayList<>(super.rules());
        rules.add(new ConsensusVersion());
        return rules;
    }
}
