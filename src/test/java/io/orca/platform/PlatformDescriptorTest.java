package io.orca.platform;

import io.orca.model.Names;
import io.orca.model.Platforms;
import io.orca.plan.Planner;
import io.orca.validate.PlatformRules;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each platform's descriptor (platforms/&lt;name&gt;/platform.yaml) agrees with its plug-in classes and with Bevel's names. */
class PlatformDescriptorTest {
    @Test
    void everyPlatformHasADescriptorNamedAfterIt() {
        for (String p : Platforms.ALL) {
            Map<String, Object> d = Platforms.descriptor(p);
            assertEquals(p, d.get("platform"), "platforms/" + p + "/platform.yaml names its platform");
            assertTrue(d.get("namespace_suffix") instanceof String s && s.startsWith("-"), p + ": namespace_suffix");
            assertFalse(Platforms.supportedVersions(p).isEmpty(), p + ": versions");
        }
    }

    @Test
    void plannableSaysWhetherAPlannerIsRegistered() {
        for (String p : Platforms.ALL) {
            assertEquals(Boolean.TRUE.equals(Platforms.descriptor(p).get("plannable")), Planner.forPlatform(p).isPresent(),
                    "platforms/" + p + "/platform.yaml plannable vs a registered io.orca.plan.PlatformPlanner");
        }
        assertEquals(List.of("besu", "fabric", "quorum"), Planner.supportedPlatforms());
    }

    @Test
    void namespacesAreBevels() {
        // Bevel's suffixes: clusters Bevel bootstrapped keep their namespaces.
        Map<String, String> bevel = Map.of("fabric", "org1-net", "besu", "org1-bes", "quorum", "org1-quo",
                "corda-enterprise", "org1-ent", "corda", "org1-ns", "indy", "org1-ns", "substrate", "org1-subs");
        for (String p : Platforms.ALL) assertEquals(bevel.get(p), Names.namespace(p, "org1"), p);
    }

    @Test
    void platformRulesAreRegisteredOncePerPlatform() {
        Set<String> seen = new HashSet<>();
        for (PlatformRules r : java.util.ServiceLoader.load(PlatformRules.class)) {
            assertTrue(Platforms.ALL.contains(r.platform()), "rules for an unknown platform " + r.platform());
            assertTrue(seen.add(r.platform()), "two PlatformRules for " + r.platform());
        }
        assertEquals(Set.of("besu", "fabric", "quorum"), seen);
        assertEquals("fabric", PlatformRules.of("fabric").platform());
        assertEquals(PlatformRules.GENERIC, PlatformRules.of("indy"));
    }

    @Test
    void descriptorKeysThePlanningReads() {
        assertEquals("orderers", Platforms.consensusGroup("fabric"));
        assertEquals("validators", Platforms.consensusGroup("besu"));
        assertEquals(List.of("node", "tm"), Platforms.pullSecretComponents("besu"));
        assertEquals(List.of(), Platforms.pullSecretComponents("indy"));
        assertEquals(List.of("orderer", "peer", "channel", "chaincode"), Platforms.pullSecretComponents("fabric"));
    }
}
