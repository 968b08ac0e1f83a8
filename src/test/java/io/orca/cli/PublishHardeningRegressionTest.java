package io.orca.cli;

import io.orca.secrets.AgeKeyPair;
import io.orca.secrets.Sops;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.orca.cli.ValidateCommandTest.Run;
import static io.orca.cli.ValidateCommandTest.noStackTrace;
import static io.orca.cli.ValidateCommandTest.orca;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression tests for the publish-side findings of issue 10 (repositories, generate's output folder, secrets,
 * charts), through the command line; each is named after its bug. Engine-level ones live beside the engine
 * ({@code io.orca.publish.PublishHardeningTest}, {@code io.orca.app.SharedRepositoryOwnershipTest}).
 */
class PublishHardeningRegressionTest {
    private static final String PASSWORD = "plain-text-password-4711";
    private static final String PLAIN = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: "
            + PASSWORD + "\n";

    // ---- 7. a plaintext *.sops.yaml

    /**
     * {@code orca secrets check} skipped a {@code *.sops.yaml} without a {@code sops:} block ("0 failed", exit 0): a
     * Secret in plaintext passed. Now it fails as NOT_ENCRYPTED (exit 1), without printing its content; rotate
     * reports it as not rotated.
     */
    @Test
    void secretsCheckPassesAPlaintextSopsFile(@TempDir Path dir) throws IOException {
        AgeKeyPair key = AgeKeyPair.generate();
        Path keyFile = dir.resolve("k.agekey");
        key.writeKeyFile(keyFile);
        Path tree = Files.createDirectories(dir.resolve("repo/releases/dev/alpha-bes/secrets"));
        Files.writeString(tree.resolve("ok.sops.yaml"), Sops.encrypt(PLAIN, List.of(key.recipient())));
        for (String name : List.of("plain.sops.yaml", "plain.SOPS.yml", "empty.sops.yaml")) {
            Files.writeString(tree.resolve(name), name.startsWith("empty") ? "" : PLAIN);
        }
        Run r = orca("secrets", "check", dir.resolve("repo").toString(), "-i", keyFile.toString());
        assertEquals(1, r.code(), r.all());
        for (String name : List.of("plain.sops.yaml", "plain.SOPS.yml", "empty.sops.yaml")) {
            assertTrue(r.out().lines().anyMatch(l -> l.contains(name) && l.contains("NOT_ENCRYPTED")), r.out());
        }
        assertTrue(r.all().contains("not encrypted"), r.all());
        assertFalse(r.all().contains(PASSWORD), r.all());
        noStackTrace(r);

        Run rotate = orca("secrets", "rotate", dir.resolve("repo").toString(), "-i", keyFile.toString(),
                "-r", AgeKeyPair.generate().recipient());
        assertEquals(1, rotate.code(), rotate.all());
        assertFalse(rotate.all().contains(PASSWORD), rotate.all());
        assertEquals(PLAIN, Files.readString(tree.resolve("plain.sops.yaml")), "a plaintext file is not touched by rotate");
        noStackTrace(rotate);
    }
}
