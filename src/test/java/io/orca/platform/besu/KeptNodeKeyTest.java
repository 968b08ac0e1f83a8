package io.orca.platform.besu;

import io.orca.app.GenerateService;
import io.orca.plan.MaterialSource;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.SecretPlan;
import io.orca.render.Generated;
import io.orca.testing.Project;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A kept node key is planned from its stored public halves when they are consistent (the public key's address is
 * the stored address), and re-derived from the private key when they are not: a re-run changes nothing.
 */
class KeptNodeKeyTest {
    @Test
    void storedPublicHalvesAreUsedOnlyWhenConsistent() throws Exception {
        byte[] input = Files.readAllBytes(Project.dir().resolve("examples/besu-two-orgs.yaml"));
        GenerateService.Outcome first = GenerateService.plan("n.yaml", input, MaterialSource.NONE, Generated.seeded(1));
        Map<String, Map<String, SecretPlan>> kept = new HashMap<>();
        for (OrganizationPlan op : first.plan().organizations()) {
            Map<String, SecretPlan> m = new LinkedHashMap<>();
            op.secrets().forEach(s -> m.put(s.name(), s));
            kept.put(op.organization().name(), m);
        }
        SecretPlan v1 = kept.get("alpha").get("alpha-validator-1-nodekey");
        SecretPlan v2 = kept.get("alpha").get("alpha-validator-2-nodekey");
        // Public halves that are not consistent with each other (address of another key): re-derived.
        kept.get("alpha").put(v1.name(), new SecretPlan(v1.name(), v1.data(),
                new TreeMap<>(Map.of("publicKey", v1.publicData().get("publicKey"), "address", v2.publicData().get("address")))));
        GenerateService.Outcome inconsistent = GenerateService.plan("n.yaml", input, MaterialSource.of(kept), new SecureRandom());
        kept.get("alpha").put(v1.name(), v1);
        GenerateService.Outcome again = GenerateService.plan("n.yaml", input, MaterialSource.of(kept), new SecureRandom());

        for (int i = 0; i < first.trees().size(); i++) {
            assertEquals(first.trees().get(i).files(), again.trees().get(i).files());
            assertEquals(first.trees().get(i).files(), inconsistent.trees().get(i).files());
        }
        assertEquals(v1.publicData(), secret(inconsistent, "alpha-validator-1-nodekey").publicData());
        assertEquals(v1.data(), secret(inconsistent, "alpha-validator-1-nodekey").data());
    }

    private static SecretPlan secret(GenerateService.Outcome o, String name) {
        return o.plan().organizations().stream().flatMap(op -> op.secrets().stream()).filter(s -> s.name().equals(name))
                .findFirst().orElseThrow();
    }
}
