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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Secrets generate writes: real sops decrypts them, nothing is in plaintext, re-runs cause no churn. */
class SealedOutputTest {
    private static String withRecipient(String recipient) throws Exception {
        return Files.readString(Project.dir().resolve("examples/besu-two-orgs.yaml"))
                .replace("  docker:\n", "  secrets:\n    age_recipients: [\"" + recipient + "\"]\n  docker:\n");
    }

    private static SecretSealer.ExistingFiles from(List<RepositoryTree> trees) {
        return (repository, path) -> trees.stream().filter(t -> t.gitops().equals(repository)).findFirst()
                .map(t -> t.files().get(path)).map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sopsDecryptsEverySecretAndNoPlaintextIsWritten(@TempDir Path tmp) throws Exception {
        AgeKeyPair key = AgeKeyPair.generate();
        byte[] input = withRecipient(key.recipient()).getBytes(StandardCharsets.UTF_8);
        LocalMaterialStore store = new LocalMaterialStore(tmp.resolve("state"));
        GenerateService.Outcome o = Generated.generate("n.yaml", input, store, Generated.seeded(3), SecretSealer.ExistingFiles.NONE, true);
        assertTrue(o.ok(), () -> o.diagnostics().toString());
        Path keyFile = tmp.resolve("age.key");
        Files.writeString(keyFile, key.identity().reveal() + "\n");
        int checked = 0;
        StringBuilder everything = new StringBuilder();
        o.trees().forEach(t -> t.files().values().forEach(everything::append));
        for (OrganizationPlan op : o.plan().organizations()) {
            RepositoryTree tree = o.trees().stream().filter(t -> t.organizations().contains(op.organization().name())).findFirst().orElseThrow();
            for (SecretPlan s : op.secrets()) {
                String path = SecretSealer.secretPath(op.organization().gitops().releaseDir(), op.namespace(), s.name());
                String encrypted = tree.files().get(path);
                Path f = tmp.resolve(s.name() + ".sops.yaml");
                Files.writeString(f, encrypted);
                SopsBinary.Result r = SopsBinary.run(Map.of("SOPS_AGE_KEY_FILE", keyFile.toString()), "--decrypt", f.toString());
                assertEquals(0, r.exit(), r.stderr());
                for (Map.Entry<String, Secret> e : s.data().entrySet()) {
                    assertTrue(r.stdout().contains(e.getValue().reveal()), "sops yields " + e.getKey() + " of " + s.name());
                    if (!s.publicData().containsKey(e.getKey())) {
                        assertFalse(everything.toString().contains(e.getValue().reveal()), "plaintext of " + s.name() + " in the tree");
                    }
                }
                checked++;
            }
        }
        assertEquals(6, checked);
        assertTrue(o.trees().get(0).files().values().stream().anyMatch(c -> c.contains("decryption:")) || o.trees().stream()
                .allMatch(t -> io.orca.app.GitOpsOutput.isLocal(t.gitops())), "remote trees get a decrypting Kustomization");
    }

    @Test
    void rerunKeepsEncryptedBytesAndAKeylessRerunKeepsIdentities(@TempDir Path tmp) throws Exception {
        AgeKeyPair key = AgeKeyPair.generate();
        byte[] input = withRecipient(key.recipient()).getBytes(StandardCharsets.UTF_8);
        LocalMaterialStore store = new LocalMaterialStore(tmp.resolve("state"));
        GenerateService.Outcome first = Generated.generate("n.yaml", input, store, Generated.seeded(3), SecretSealer.ExistingFiles.NONE, false);
        store.save(first.newMaterial());
        GenerateService.Outcome second = Generated.generate("n.yaml", input, store, Generated.seeded(9), from(first.trees()), false);
        assertEquals(first.trees().get(0).files(), second.trees().get(0).files(), "no churn");
        // Without the state folder (another machine): identities come from the side files, Git keeps its bytes.
        GenerateService.Outcome third = Generated.generate("n.yaml", input, MaterialSource.NONE, Generated.seeded(11), from(first.trees()), false);
        for (int i = 0; i < first.trees().size(); i++) {
            assertEquals(first.trees().get(i).files(), third.trees().get(i).files());
        }
    }

    @Test
    void refusesToPublishSecretsToARemoteRepositoryWithoutRecipients() throws Exception {
        String yaml = Files.readString(Project.dir().resolve("examples/besu-two-orgs.yaml")).replace(
                "      external_url_suffix: alpha.example.test\n", """
                      external_url_suffix: alpha.example.test
                      gitops:
                        git_url: https://git.example.test/alpha.git
                        username: bot
                        password: ${env:GIT_TOKEN}
                """);
        var e = assertThrows(io.orca.app.RefusedException.class, () -> Generated.generate("n.yaml",
                yaml.getBytes(StandardCharsets.UTF_8), MaterialSource.NONE, Generated.seeded(1), SecretSealer.ExistingFiles.NONE, true));
        assertTrue(e.getMessage().contains("alpha") && e.getMessage().contains("age_recipients"), e.getMessage());
        assertTrue(Optional.ofNullable(e.getMessage()).filter(m -> m.contains("orca secrets keygen")).isPresent());
    }

    @Test
    void gitAndRegistryCredentialsAreSealedForFlux(@TempDir Path tmp) throws Exception {
        AgeKeyPair key = AgeKeyPair.generate();
        String yaml = withRecipient(key.recipient())
                .replace("  docker:\n    url: docker.io\n", "  docker:\n    url: docker.io\n    username: bot\n    password: ${env:REG_PASSWORD}\n")
                .replace("      external_url_suffix: alpha.example.test\n", """
                      external_url_suffix: alpha.example.test
                      gitops:
                        git_url: https://git.example.test/alpha.git
                        username: bot
                        password: ${env:GIT_TOKEN}
                """);
        CredentialsFixture env = new CredentialsFixture();
        GenerateService.Outcome o = Generated.generate("n.yaml", yaml.getBytes(StandardCharsets.UTF_8), MaterialSource.NONE, Generated.seeded(5), SecretSealer.ExistingFiles.NONE, true, new io.orca.app.CredentialResolver(env.values::get));
        assertTrue(o.ok(), () -> o.diagnostics().toString());
        RepositoryTree alpha = o.trees().stream().filter(t -> t.organizations().contains("alpha")).findFirst().orElseThrow();
        String gitSecret = alpha.files().get("releases/dev/flux-dev/flux-dev.sops.yaml");
        assertTrue(gitSecret != null && gitSecret.contains("ENC[AES256_GCM"), "Flux's Git credentials, encrypted");
        assertTrue(alpha.files().get("releases/dev/flux-dev/kustomization.yaml").contains("flux-dev.sops.yaml"));
        assertTrue(alpha.files().get("releases/dev/flux-dev/gotk-sync.yaml").contains("provider: sops"));
        String regcred = alpha.files().get("releases/dev/alpha-bes/secrets/alpha-regcred.sops.yaml");
        assertTrue(regcred != null && regcred.contains("kubernetes.io/dockerconfigjson"));
        assertTrue(alpha.files().get("releases/dev/alpha-bes/alpha-validator-1.yaml").contains("alpha-regcred"));
        StringBuilder all = new StringBuilder();
        o.trees().forEach(t -> t.files().values().forEach(all::append));
        for (String v : env.values.values()) assertFalse(all.toString().contains(v), "credential in plaintext");
        Path keyFile = tmp.resolve("age.key");
        Files.writeString(keyFile, key.identity().reveal() + "\n");
        Path f = tmp.resolve("git.sops.yaml");
        Files.writeString(f, gitSecret);
        SopsBinary.Result r = SopsBinary.run(Map.of("SOPS_AGE_KEY_FILE", keyFile.toString()), "--decrypt", f.toString());
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.stdout().contains("git-token-value"));
    }

    private static final class CredentialsFixture {
        final Map<String, String> values = Map.of("GIT_TOKEN", "git-token-value", "REG_PASSWORD", "registry-password-value");
    }
}
