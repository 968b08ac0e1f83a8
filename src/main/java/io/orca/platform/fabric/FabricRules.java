package io.orca.platform.fabric;

import io.orca.validate.PlatformRules;
import io.orca.validate.SemanticRule;

import java.util.List;

/**
 * Fabric's part in validation: references between channels, orderers, organizations and peers; channel IDs and
 * members; chaincode definitions; addresses with ports; the size of the raft cluster; the lengths of the release
 * names Fabric derives from channels and chaincodes. When planning, also what Orca
 * cannot deploy (a system channel).
 */
public final class FabricRules implements PlatformRules {
    @Override
    public String platform() {
        return "fabric";
    }

    @Override
    public List<SemanticRule> rules() {
        return List.of(new FabricReferences(), new FabricChannels(), new FabricChaincodes(), new FabricAddresses(),
                new RaftClusterSize(), new FabricReleaseNames());
    }

    @Override
    public List<SemanticRule> planningRules() {
        return List.of(new SystemChannel(), new SourceChaincodes(), new ChannelUpdates());
    }
}
