package io.orca.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.orca.model.Secret;

/** Round trips against the real sops binary, both directions. */
class SopsInteropTest {
    static final String SECRET = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: git-credentials
              namespace: flux-dev
              labels:
                app.kubernetes.io/managed-by: orca
                tier: "5"
                replicas: 3
                enabled: true
                ratio: 1.5
                created: 2024-01-02
              annotations:
                note: "yes"
            type: Opaque
            data:
              password: c3VwZXItc2VjcmV0LXBhc3N3b3Jk
              tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t
              empty: ""
            stringData:
              username: flux-bot
              token: ghp_plaintextTokenValue123
              port: 8080
              enabled: true
              ratio: 0.25
              when: 2024-05-06T07:08:09Z
              multi: |
                line one
                line two
              list:
                - alpha-secret
                - beta-secret
              nested:
                inner: deep-secret-value
              nothing: null
            """;

    static final List<String> SECRET_VALUES = List.of("c3VwZXItc2VjcmV0LXBhc3N3b3Jk", "super-secret-password",
            "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t", "flux-bot", "ghp_plaintextTokenValue123",
            "line one", "line two", "alpha-secret", "beta-secret", "deep-secret-value");

    @TempDir
    Path dir;

    private Path keyFile(AgeKeyPair kp) throws Exception {
        Path f = dir.resolve("age-" + kp.recipient().substring(4, 12) + ".agekey");
        Files.writeString(f, kp.toKeyFile(Instant.now()));
        return f;
    }

    @Test
    void sopsDecryptsWhatOrcaWrote() throws Exception {
        AgeKeyPair a = AgeKeyPair.generate();
        AgeKeyPair b = AgeKeyPair.generate();
        String enc = Sops.encrypt(SECRET, List.of(a.recipient(), b.recipient()));
        Path f = dir.resolve("secret.sops.yaml");
        Files.writeString(f, enc);
        for (AgeKeyPair kp : List.of(a, b)) {
            SopsBinary.Result r = SopsBinary.run(Map.of("SOPS_AGE_KEY_FILE", keyFile(kp).toString()),
                    "--decrypt", "--input-type", "yaml", "--output-type", "json", f.toString());
            assertEquals(0, r.exit(), r.stderr());
            String json = r.stdout();
            assertTrue(json.contains("\"password\": \"c3VwZXItc2VjcmV0LXBhc3N3b3Jk\""), json);
            assertTrue(json.contains("\"port\": 8080"), json);
            assertTrue(json.contains("\"ratio\": 0.25"), json);
            assertTrue(json.contains("\"multi\": \"line one\\nline two\\n\""), json);
            assertTrue(json.contains("\"deep-secret-value\""), json);
            assertTrue(json.contains("\"tier\": \"5\""), json);
        }
        // sops' own verdict on the recipients and MAC: decrypt to YAML equals Orca's own decryption.
        SopsBinary.Result y = SopsBinary.run(Map.of("SOPS_AGE_KEY_FILE", keyFile(a).toString()),
                "--decrypt", f.toString());
        assertEquals(0, y.exit(), y.stderr());
        assertEquals(SopsYaml.parse(y.stdout()), SopsYaml.parse(Sops.decrypt(enc, List.of(a.identity())).plaintextYaml()));
        assertEquals(SopsYaml.parse(SECRET), SopsYaml.parse(y.stdout()));
    }

    @Test
    void orcaFileRotatedBySopsStillChecks() throws Exception {
        AgeKeyPair a = AgeKeyPair.generate();
        AgeKeyPair b = AgeKeyPair.generate();
        Path f = dir.resolve("tree/org1/secret.sops.yaml");
        SecretFile.write(f, SECRET, List.of(a.recipient()), Map.of("publicKey", "0x01"));
        SopsBinary.Result r = SopsBinary.run(Map.of("SOPS_AGE_KEY_FILE", keyFile(a).toString()),
                "rotate", "-i", "--add-age", b.recipient(), f.toString());
        assertEquals(0, r.exit(), r.stderr());
        assertEquals(List.of(a.recipient(), b.recipient()), Sops.recipients(Files.readString(f)));
        SecretsTree.CheckReport report = SecretsTree.check(dir.resolve("tree"), b.identity());
        assertTrue(report.ok(), report.toString());
        // Orca sees the new recipient set as a change, and re-encrypts to what network.yaml says.
        SecretFile.Written w = SecretFile.write(f, SECRET, List.of(a.recipient()), Map.of("publicKey", "0x01"));
        assertEquals(SecretFile.Reason.RECIPIENTS_CHANGED, w.reason());
        assertEquals(List.of(a.recipient()), Sops.recipients(Files.readString(f)));
        assertNoPlaintextInTree(dir.resolve("tree"));
    }

    /** The scan: no file under {@code root} contains any plaintext secret value (or its base64). */
    static void assertNoPlaintextInTree(Path root) throws Exception {
        try (var files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                assertNoPlaintext(Files.readString(p));
            }
        }
    }

    @Test
    void sopsRejectsATamperedOrcaFile() throws Exception {
        AgeKeyPair a = AgeKeyPair.generate();
        String enc = Sops.encrypt(SECRET, List.of(a.recipient()));
        Path f = dir.resolve("tampered.sops.yaml");
        Files.writeString(f, enc.replace("name: git-credentials", "name: git-credential"));
        SopsBinary.Result r = SopsBinary.run(Map.of("SOPS_AGE_KEY_FILE", keyFile(a).toString()),
                "--decrypt", f.toString());
        assertTrue(r.exit() != 0, "sops must refuse a file whose readable metadata changed");
        assertTrue(r.stderr().contains("MAC mismatch"), r.stderr());
        assertThrows(SecretsException.class, () -> Sops.decrypt(Files.readString(f), List.of(a.identity())));
    }

    @Test
    void orcaDecryptsAndChecksWhatSopsWrote() throws Exception {
        AgeKeyPair a = AgeKeyPair.generate();
        Path plain = dir.resolve("plain.yaml");
        Files.writeString(plain, SECRET);
        SopsBinary.Result r = SopsBinary.run(Map.of(), "--encrypt", "--age", a.recipient(),
                "--encrypted-regex", "^(data|stringData)$", "--input-type", "yaml", "--output-type", "yaml",
                plain.toString());
        assertEquals(0, r.exit(), r.stderr());
        String enc = r.stdout();
        assertTrue(Sops.isEncrypted(enc));
        assertEquals(List.of(a.recipient()), Sops.recipients(enc));
        Sops.Decrypted d = Sops.decrypt(enc, List.of(a.identity()));
        assertEquals(SopsYaml.parse(SECRET), SopsYaml.parse(d.plaintextYaml()));
        assertNoPlaintext(enc);

        // A fingerprint made from Orca's plaintext matches what sops encrypted: check() accepts the file.
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("org1"));
        Path file = tree.resolve("org1/git-credentials.sops.yaml");
        Files.writeString(file, enc);
        SecretMeta.of(Fingerprint.compute(SECRET), Map.of()).write(SecretMeta.pathFor(file));
        Path key = keyFile(a);
        SecretsTree.CheckReport report = SecretsTree.check(tree, AgeKeys.readIdentities(key));
        assertTrue(report.ok(), report.toString());
        assertEquals(1, report.files().size());

        // Orca rotates what sops wrote, and sops still decrypts it with the new key only.
        AgeKeyPair b = AgeKeyPair.generate();
        SecretsTree.RotateReport rot = SecretsTree.rotate(tree, List.of(a.identity()), List.of(b.recipient()));
        assertTrue(rot.ok(), rot.toString());
        SopsBinary.Result after = SopsBinary.run(Map.of("SOPS_AGE_KEY_FILE", keyFile(b).toString()),
                "--decrypt", file.toString());
        assertEquals(0, after.exit(), after.stderr());
        assertEquals(SopsYaml.parse(SECRET), SopsYaml.parse(after.stdout()));
        SopsBinary.Result old = SopsBinary.run(Map.of("SOPS_AGE_KEY_FILE", key.toString()),
                "--decrypt", file.toString());
        assertTrue(old.exit() != 0, "the old key must no longer decrypt");
        assertTrue(SecretsTree.check(tree, List.of(b.identity())).ok());
    }

    @Test
    void orcaReadsSopsDefaultRuleAndMacOnlyEncrypted() throws Exception {
        AgeKeyPair a = AgeKeyPair.generate();
        Path plain = dir.resolve("plain.yaml");
        Files.writeString(plain, "a: 1\nb_unencrypted: visible\nc:\n  - x\n  - 2.5\n");
        for (List<String> extra : List.of(List.<String>of(), List.of("--mac-only-encrypted"),
                List.of("--unencrypted-regex", "^b"))) {
            List<String> args = new java.util.ArrayList<>(List.of("--encrypt", "--age", a.recipient()));
            args.addAll(extra);
            args.addAll(List.of("--input-type", "yaml", "--output-type", "yaml", plain.toString()));
            SopsBinary.Result r = SopsBinary.run(Map.of(), args.toArray(String[]::new));
            assertEquals(0, r.exit(), r.stderr());
            Sops.Decrypted d = Sops.decrypt(r.stdout(), List.of(a.identity()));
            assertEquals(SopsYaml.parse(Files.readString(plain)), SopsYaml.parse(d.plaintextYaml()), extra.toString());
        }
    }

    @Test
    void orcaReadsSopsFileWithEncryptedComments() throws Exception {
        AgeKeyPair a = AgeKeyPair.generate();
        Path plain = dir.resolve("commented.yaml");
        String yaml = """
                # top comment
                apiVersion: v1
                kind: Secret
                metadata:
                  name: c # inline
                data:
                  # the password
                  password: cGFzcw== # trailing
                  list:
                    # item comment
                    - a
                """;
        Files.writeString(plain, yaml);
        SopsBinary.Result r = SopsBinary.run(Map.of(), "--encrypt", "--age", a.recipient(),
                "--encrypted-regex", "^(data|stringData)$", plain.toString());
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.stdout().contains("type:comment"), r.stdout());
        Sops.Decrypted d = Sops.decrypt(r.stdout(), List.of(a.identity()));
        assertEquals(SopsYaml.parse(yaml), SopsYaml.parse(d.plaintextYaml()));
    }

    @Test
    void wrongKeyIsReportedAsNotARecipient() {
        AgeKeyPair a = AgeKeyPair.generate();
        String enc = Sops.encrypt(SECRET, List.of(a.recipient()));
        assertThrows(Sops.NotARecipientException.class,
                () -> Sops.decrypt(enc, List.of(AgeKeyPair.generate().identity())));
    }

    @Test
    void noPlaintextSecretValueAnywhereInOrcaOutput() throws Exception {
        AgeKeyPair a = AgeKeyPair.generate();
        String enc = Sops.encrypt(SECRET, List.of(a.recipient()));
        assertNoPlaintext(enc);
        assertTrue(enc.contains("name: git-credentials"), "metadata stays readable");
        assertTrue(enc.contains("encrypted_regex: ^(data|stringData)$"), enc);
        // The fingerprint sidecar holds no value either.
        String meta = SecretMeta.of(Fingerprint.compute(SECRET), Map.of("publicKey", "0xabc")).toText();
        assertNoPlaintext(meta);
    }

    static void assertNoPlaintext(String output) {
        String decodedPassword = new String(Base64.getDecoder().decode("c3VwZXItc2VjcmV0LXBhc3N3b3Jk"),
                StandardCharsets.UTF_8);
        for (String v : SECRET_VALUES) {
            assertFalse(output.contains(v), "plaintext value leaked: " + v);
        }
        assertFalse(output.contains(decodedPassword));
        // Base64 of every secret value (a careless encoder could leak them that way).
        for (String v : SECRET_VALUES) {
            String b64 = Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8));
            assertFalse(output.contains(b64.substring(0, Math.min(12, b64.length() - 2))), "base64 leak of " + v);
        }
    }

    @Test
    void identityRoundTripsThroughKeyFile() {
        AgeKeyPair a = AgeKeyPair.generate();
        List<Secret> ids = AgeKeys.parseIdentities(a.toKeyFile(Instant.now()));
        assertEquals(1, ids.size());
        assertEquals(a.recipient(), AgeKeyPair.fromIdentity(ids.get(0)).recipient());
    }
}
