package io.orca.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Item 3 of issue 6: no churn, and no private key needed to tell "unchanged". */
class SecretFileTest {
    static final String SECRET = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: registry-password
              namespace: org1
            type: Opaque
            stringData:
              password: hunter2
            """;
    static final String SAME_REFORMATTED = """
            apiVersion: "v1"
            kind: Secret
            metadata: {name: registry-password, namespace: 'org1'}
            type: Opaque
            stringData:
                password: "hunter2"
            """;
    static final String CHANGED = SECRET.replace("hunter2", "hunter3");

    @TempDir
    Path dir;

    @Test
    void unchangedSecretKeepsItsBytesWithoutThePrivateKey() throws Exception {
        AgeKeyPair kp = AgeKeyPair.generate();
        Path f = dir.resolve("org1/registry-password.sops.yaml");
        SecretFile.Written w1 = SecretFile.write(f, SECRET, List.of(kp.recipient()), Map.of("username", "bot"));
        assertTrue(w1.fileChanged());
        assertEquals(SecretFile.Reason.NEW, w1.reason());
        byte[] first = Files.readAllBytes(f);
        String meta1 = Files.readString(SecretMeta.pathFor(f));
        long mtime = Files.getLastModifiedTime(f).toMillis();

        // Same content, different formatting: nothing is rewritten (the identity is never given).
        SecretFile.Written w2 = SecretFile.write(f, SAME_REFORMATTED, List.of(kp.recipient()), Map.of("username", "bot"));
        assertFalse(w2.fileChanged());
        assertFalse(w2.metaChanged());
        assertEquals(SecretFile.Reason.UNCHANGED, w2.reason());
        assertArrayEquals(first, Files.readAllBytes(f));
        assertEquals(meta1, Files.readString(SecretMeta.pathFor(f)));
        assertEquals(mtime, Files.getLastModifiedTime(f).toMillis());

        // New public parts only touch the side file.
        SecretFile.Written w3 = SecretFile.write(f, SECRET, List.of(kp.recipient()), Map.of("username", "bot2"));
        assertFalse(w3.fileChanged());
        assertTrue(w3.metaChanged());
        assertArrayEquals(first, Files.readAllBytes(f));
        assertEquals(Map.of("username", "bot2"), SecretFile.existing(f).publicParts());

        // A changed value is re-encrypted, and the check sees the new value.
        SecretFile.Written w4 = SecretFile.write(f, CHANGED, List.of(kp.recipient()), Map.of());
        assertTrue(w4.fileChanged());
        assertEquals(SecretFile.Reason.PLAINTEXT_CHANGED, w4.reason());
        assertTrue(SecretsTree.check(dir, List.of(kp.identity())).ok());

        // The scan: neither value, nor its base64, is anywhere in the written files.
        try (var files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(p);
                for (String v : List.of("hunter2", "hunter3", "aHVudGVy")) {
                    assertFalse(text.contains(v), v + " leaked into " + p);
                }
            }
        }
    }

    @Test
    void changedRecipientsReEncrypt() {
        AgeKeyPair a = AgeKeyPair.generate();
        AgeKeyPair b = AgeKeyPair.generate();
        SecretFile.Result r1 = SecretFile.reuseOrEncrypt(null, null, SECRET, List.of(a.recipient()));
        assertFalse(r1.reused());
        SecretFile.Result same = SecretFile.reuseOrEncrypt(r1.encrypted(), r1.meta(), SECRET, List.of(a.recipient()));
        assertTrue(same.reused());
        assertArrayEquals(r1.encrypted(), same.encrypted());
        SecretFile.Result r2 = SecretFile.reuseOrEncrypt(r1.encrypted(), r1.meta(), SECRET,
                List.of(a.recipient(), b.recipient()));
        assertFalse(r2.reused());
        assertEquals(SecretFile.Reason.RECIPIENTS_CHANGED, r2.reason());
        assertEquals(List.of(a.recipient(), b.recipient()), Sops.recipients(r2.encryptedText()));
        // Order of recipients alone is no change.
        SecretFile.Result r3 = SecretFile.reuseOrEncrypt(r2.encrypted(), r2.meta(), SECRET,
                List.of(b.recipient(), a.recipient()));
        assertTrue(r3.reused());
        assertNotEquals(r1.meta().fingerprint(), r2.meta().fingerprint(), "fresh salt on re-encryption");
    }

    @Test
    void refusesWithoutRecipients() {
        assertThrows(SecretsException.class, () -> SecretFile.reuseOrEncrypt(null, null, SECRET, List.of()));
        assertThrows(SecretsException.class, () -> SecretFile.reuseOrEncrypt(null, null, SECRET, List.of("age1nope")));
    }

    @Test
    void checkReportsMismatchTamperingAndWrongKey() throws Exception {
        AgeKeyPair kp = AgeKeyPair.generate();
        Path a = dir.resolve("a.sops.yaml");
        Path b = dir.resolve("b.sops.yaml");
        Path c = dir.resolve("sub/c.sops.yaml");
        SecretFile.write(a, SECRET, List.of(kp.recipient()), Map.of());
        SecretFile.write(b, SECRET, List.of(kp.recipient()), Map.of());
        SecretFile.write(c, SECRET, List.of(AgeKeyPair.generate().recipient()), Map.of());
        Files.writeString(dir.resolve("plain.yaml"), "apiVersion: v1\nkind: ConfigMap\n");
        // b's side file now fingerprints other content; a is tampered with.
        SecretMeta.of(Fingerprint.compute(CHANGED), Map.of()).write(SecretMeta.pathFor(b));
        Files.writeString(a, Files.readString(a).replace("namespace: org1", "namespace: org2"));

        SecretsTree.CheckReport report = SecretsTree.check(dir, List.of(kp.identity()));
        assertEquals(3, report.files().size(), report.toString());
        assertEquals(SecretsTree.Status.INVALID, report.files().get(0).status());
        assertEquals(SecretsTree.Status.FINGERPRINT_MISMATCH, report.files().get(1).status());
        assertEquals(SecretsTree.Status.NOT_A_RECIPIENT, report.files().get(2).status());
        assertFalse(report.ok());
        assertFalse(report.toString().contains("hunter"));
    }
}
