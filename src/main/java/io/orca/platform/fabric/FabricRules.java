package io.orca.platform.fabric;

import io.orca.validate.PlatformRules;
import io.orca.validate.SemanticRule;

import java.util.List;

/** Fabric's part in validation: references between channels, orderers, organizations and peers. */
public final class FabricRules implements PlatformRules {
    @Override
    public String platform() {
        return "fabric";
    }

    @Override
    public List<SemanticRule> rules() {
        return List.of(new FabricReferences());
    }
}
