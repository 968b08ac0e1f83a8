package io.orca.render;

import io.orca.app.GenerateService;
import io.orca.app.LocalMaterialStore;
import io.orca.testing.Project;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Re-running never changes existing keys: a second generate reads them back, so genesis and enodes stay put. */
class KeyStabilityTest {
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"examples/besu-two-orgs.yaml", "examples/quorum-two-orgs.yaml",
            "src/test/resources/schema/valid/quorum-minimal.yaml"})
    void secondRunKeepsEveryKeyAndEveryByte(String network, @TempDir Path tmp) throws Exception {
        byte[] input = Files.readAllBytes(Project.dir().resolve(network));
        LocalMaterialStore store = new LocalMaterialStore(tmp);
        GenerateService.Outcome first = GenerateService.plan("n.yaml", input, store, new SecureRandom());
        store.save(first.newMaterial());
        GenerateService.Outcome second = GenerateService.plan("n.yaml", input, store, new SecureRandom());
        for (int i = 0; i < first.trees().size(); i++) {
            assertEquals(first.trees().get(i).files(), second.trees().get(i).files());
        }
        // Without the kept keys, fresh randomness gives a different network: the equality above is not vacuous.
        GenerateService.Outcome fresh = GenerateService.plan("n.yaml", input, io.orca.plan.MaterialSource.NONE, new SecureRandom());
        assertNotEquals(first.trees().get(0).files(), fresh.trees().get(0).files());
    }
}
