package io.orca.secrets;

import io.orca.app.GenerateService;
import io.orca.app.LocalMaterialStore;
import io.orca.app.SecretSealer;
import io.orca.model.Secret;
import io.orca.plan.MaterialSource;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.SecretPlan;
import io.orca.render.Generated;
import io.orca.render.RepositoryTree;
import io.orca.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fabric's identities in Git: every Secret (CA keys, node and admin keys, CouchDB credentials) decrypts with the
 * real sops, no private key is in plaintext anywhere in the tree, and a machine that has only what Git holds (the
 * side files' certificates) plans the same network, byte for byte.
 */
class FabricSealedOutputTest {
    private static byte[] withRecipient(String recipient) throws Exception {
        return Files.readString(Project.dir().resolve("examples/fabric-three-orgs.yaml"))
                .replace("  docker:\n", "  secrets:\n    age_recipients: [\"" + recipient + "\"]\n  docker:\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static SecretSealer.ExistingFiles from(List<RepositoryTree> trees) {
        return (repository, path) -> trees.stream().filter(t -> t.gitops().equals(repository)).findFirst()
                .map(t -> t.files().get(path)).map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sopsDecryptsEveryFabricSecretAndNoPrivateKeyIsInPlaintext(@TempDir Path tmp) throws Exception {
        AgeKeyPair key = AgeKeyPair.generate();
        LocalMaterialStore store = new LocalMaterialStore(tmp.resolve("state"));
        GenerateService.Outcome o = Generated.generate("n.yaml", withRecipient(key.recipient()), store, Generated.seeded(3),
                SecretSealer.ExistingFiles.NONE, false);
        assertTrue(o.ok(), () -> o.diagnostics().toString());
        Path keyFile = tmp.resolve("age.key");
        Files.writeString(keyFile, key.identity().reveal() + "\n");
        StringBuilder everything = new StringBuilder();
        o.trees().forEach(t -> t.files().values().forEach(everything::append));
        assertFalse(everything.toString().contains("PRIVATE KEY"), "no private key in plaintext in any generated file");
        int checked = 0;
        for (OrganizationPlan op : o.plan().organizations()) {
            RepositoryTree tree = o.trees().stream().filter(t -> t.organizations().contains(op.organization().name())).findFirst().orElseThrow();
            for (SecretPlan s : op.secrets()) {
                String path = SecretSealer.secretPath(op.organization().gitops().releaseDir(), op.namespace(), s.name());
                Path f = tmp.resolve(s.name() + ".sops.yaml");
                Files.writeString(f, tree.files().get(path));
                SopsBinary.Result r = SopsBinary.run(Map.of("SOPS_AGE_KEY_FILE", keyFile.toString()), "--decrypt", f.toString());
                assertEquals(0, r.exit(), r.stderr());
                for (Map.Entry<String, Secret> e : s.data().entrySet()) {
                    // sops prints YAML: a PEM comes back as a block; compare its first body line.
                    String probe = e.getValue().reveal().lines().skip(e.getValue().reveal().startsWith("-----") ? 1 : 0).findFirst().orElseThrow();
                    assertTrue(r.stdout().contains(probe), "sops yields " + e.getKey() + " of " + s.name());
                }
                checked++;
            }
        }
        assertEquals(10 + 12 + 7, checked, "ordererorg 10, org1 12, org2 7 Secrets");
    }

    @Test
    void aMachineWithOnlyGitKeepsEveryIdentity(@TempDir Path tmp) throws Exception {
        AgeKeyPair key = AgeKeyPair.generate();
        byte[] input = withRecipient(key.recipient());
        LocalMaterialStore store = new LocalMaterialStore(tmp.resolve("state"));
        GenerateService.Outcome first = Generated.generate("n.yaml", input, store, Generated.seeded(3), SecretSealer.ExistingFiles.NONE, false);
        store.save(first.newMaterial());
        GenerateService.Outcome second = Generated.generate("n.yaml", input, store, Generated.seeded(9), from(first.trees()), false);
        for (int i = 0; i < first.trees().size(); i++) assertEquals(first.trees().get(i).files(), second.trees().get(i).files(), "no churn");
        // Another machine: no state folder; certificates from the side files, the encrypted Secrets kept as they are.
        GenerateService.Outcome third = Generated.generate("n.yaml", input, MaterialSource.NONE, Generated.seeded(11), from(first.trees()), false);
        assertTrue(third.ok(), () -> third.diagnostics().toString());
        for (int i = 0; i < first.trees().size(); i++) assertEquals(first.trees().get(i).files(), third.trees().get(i).files());
        assertTrue(third.newMaterial().isEmpty(), "nothing new: every identity was kept");
    }
}
