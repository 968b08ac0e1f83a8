package io.orca.platform.quorum;

import io.orca.platform.tessera.TesseraPlatformRules;

/** GoQuorum's part in validation: what it shares with every platform that runs Tessera. */
public final class QuorumRules extends TesseraPlatformRules {
    public QuorumRules() {
        super("quorum");
    }
}
