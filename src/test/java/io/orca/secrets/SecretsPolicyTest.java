package io.orca.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsPolicyTest {
    static final String NET = AgeKeyPair.generate().recipient();
    static final String ORG = AgeKeyPair.generate().recipient();

    @TempDir
    Path dir;

    @Test
    void organizationOverrideReplacesNetworkDefault() {
        SecretsConfig net = SecretsConfig.fromMap(Map.of("provider", "sops", "age_recipients", List.of(NET)));
        SecretsConfig org = SecretsConfig.fromMap(Map.of("age_recipients", List.of(ORG, ORG)));
        SecretsPolicy.Resolved r = SecretsPolicy.resolve("org1", net, org);
        assertEquals(List.of(ORG), r.recipients());
        assertEquals(SecretsPolicy.Source.ORGANIZATION, r.source());
        SecretsPolicy.Resolved d = SecretsPolicy.resolve("org2", net, null);
        assertEquals(List.of(NET), d.recipients());
        assertEquals(SecretsPolicy.Source.NETWORK, d.source());
        SecretsPolicy.Resolved e = SecretsPolicy.resolve("org3", net, SecretsConfig.fromMap(Map.of("age_recipients", List.of())));
        assertEquals(List.of(NET), e.recipients(), "an empty override inherits the default");
        SecretsPolicy.Resolved none = SecretsPolicy.resolve("org4", null, null);
        assertFalse(none.hasRecipients());
        assertEquals(SecretsPolicy.Source.NONE, none.source());
    }

    @Test
    void invalidProviderOrRecipientIsRefused() {
        assertThrows(SecretsException.class, () -> SecretsPolicy.resolve("o", new SecretsConfig("vault", List.of()), null));
        SecretsException e = assertThrows(SecretsException.class,
                () -> SecretsPolicy.resolve("o", null, SecretsConfig.sops(List.of("age1notakey"))));
        assertTrue(e.getMessage().contains("'o'"), e.getMessage());
    }

    @Test
    void remotePublishWithoutRecipientIsRefusedWithTheFix() {
        SecretsPolicy.Resolved none = SecretsPolicy.resolve("org1", null, null);
        MissingRecipientsException e = assertThrows(MissingRecipientsException.class,
                () -> SecretsPolicy.requireForRemote(none, "https://git.example/org1.git"));
        assertTrue(e.getMessage().contains("orca secrets keygen"), e.getMessage());
        assertTrue(e.getMessage().contains("organizations[org1].secrets.age_recipients"), e.getMessage());
        assertEquals("org1", e.organization());
        SecretsPolicy.Resolved some = SecretsPolicy.resolve("org1", SecretsConfig.sops(List.of(NET)), null);
        assertEquals(List.of(NET), SecretsPolicy.requireForRemote(some, "x"));
    }

    @Test
    void localDefaultGeneratesAKeyOnceWithMode600AndWarns() throws Exception {
        Path orca = dir.resolve(".orca");
        SecretsPolicy.Resolved none = SecretsPolicy.resolve("org1", null, null);
        SecretsPolicy.Local l1 = SecretsPolicy.forLocal(none, orca);
        assertTrue(l1.warning().isPresent());
        assertTrue(l1.generatedKey().orElseThrow().created());
        Path key = orca.resolve("age/org1.agekey");
        assertTrue(Files.isRegularFile(key));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent())));
        assertEquals(1, l1.recipients().size());
        assertEquals(AgeKeyPair.fromIdentity(AgeKeys.readIdentities(key).get(0)).recipient(), l1.recipients().get(0));

        SecretsPolicy.Local l2 = SecretsPolicy.forLocal(none, orca);
        assertFalse(l2.generatedKey().orElseThrow().created());
        assertEquals(l1.recipients(), l2.recipients());
        assertFalse(l2.warning().orElseThrow().contains("AGE-SECRET-KEY"), "the warning never shows the key");

        SecretsPolicy.Local configured = SecretsPolicy.forLocal(SecretsPolicy.resolve("org1", SecretsConfig.sops(List.of(NET)), null), orca);
        assertTrue(configured.warning().isEmpty());
        assertEquals(List.of(NET), configured.recipients());
        assertThrows(SecretsException.class, () -> LocalAgeKeys.pathFor(orca, "../evil"));
    }

    @Test
    void keygenWritesAPrivateKeyFileOnce() throws Exception {
        AgeKeyPair kp = SecretsTree.keygen();
        assertTrue(kp.recipient().startsWith("age1"));
        assertTrue(kp.identity().reveal().startsWith("AGE-SECRET-KEY-1"));
        assertFalse(kp.toString().contains("AGE-SECRET-KEY"));
        Path f = dir.resolve("keys/org1.agekey");
        kp.writeKeyFile(f);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertThrows(SecretsException.class, () -> AgeKeyPair.generate().writeKeyFile(f));
        assertEquals(kp.recipient(), AgeKeyPair.fromIdentity(AgeKeys.readIdentities(f).get(0)).recipient());
        assertEquals(32, GeneratedSecrets.password().reveal().length());
        assertFalse(GeneratedSecrets.password().equals(GeneratedSecrets.password()));
    }

    @Test
    void fluxDecryptionBlockAndCommand() {
        assertEquals(Map.of("provider", "sops", "secretRef", Map.of("name", "sops-age")), FluxDecryption.decryptionSpec());
        assertEquals("kubectl -n flux-dev create secret generic sops-age --from-file=age.agekey=org1.agekey",
                FluxDecryption.createSecretCommand("flux-dev", "org1.agekey"));
    }
}
