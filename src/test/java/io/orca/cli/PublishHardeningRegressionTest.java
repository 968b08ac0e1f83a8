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

    // ---- 5. generate --out and symbolic links

    /**
     * With {@code DIR/<repo>/releases -> /elsewhere}, {@code generate --out DIR} deleted a file outside DIR and wrote
     * there. Now a link on the way to any file Orca writes or prunes is refused (exit 2, usage error), nothing is
     * written or deleted anywhere; the same for a link standing where a generated file goes.
     */
    @Test
    void generateOutWritesAndDeletesThroughSymlinks(@TempDir Path dir) throws IOException {
        Path network = Files.writeString(dir.resolve("n.yaml"), Files.readString(io.orca.testing.Project.dir()
                .resolve("examples/besu-two-orgs.yaml")));
        Path out = dir.resolve("out");
        Run first = orca("generate", network.toString(), "--out", out.toString());
        assertEquals(0, first.code(), first.all());
        Path repo;
        try (var s = Files.list(out)) {
            repo = s.sorted().findFirst().orElseThrow();
        }
        Path releases = repo.resolve("releases");
        assertTrue(Files.isDirectory(releases.resolve("dev")), releases.toString());
        // releases -> elsewhere, holding a file at a path generate prunes, and one at a path it writes
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.move(releases, elsewhere.resolve("releases"));
        Path victim = Files.writeString(elsewhere.resolve("releases/dev/victim.yaml"), "not Orca's\n");
        Path written;
        try (var s = Files.walk(elsewhere.resolve("releases/dev"))) {
            written = s.filter(p -> p.toString().endsWith("-validator-1.yaml")).findFirst().orElseThrow();
        }
        Files.writeString(written, "edited elsewhere\n");
        Files.createSymbolicLink(releases, elsewhere.resolve("releases"));
        Run r = orca("generate", network.toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains(releases + " is a symbolic link") && r.err().contains("never through a link"), r.err());
        assertEquals("not Orca's\n", Files.readString(victim), "nothing deleted outside --out");
        assertEquals("edited elsewhere\n", Files.readString(written), "nothing written outside --out");
        noStackTrace(r);

        // a link where a generated file goes (to a file outside): refused, the target unchanged
        Files.delete(releases);
        assertEquals(0, orca("generate", network.toString(), "--out", out.toString()).code());
        Path inside = releases.resolve(elsewhere.resolve("releases").relativize(written));
        Files.delete(inside);
        Files.createSymbolicLink(inside, written);
        Run link = orca("generate", network.toString(), "--out", out.toString());
        assertEquals(2, link.code(), link.all());
        assertTrue(link.err().contains(inside + " is a symbolic link"), link.err());
        assertEquals("edited elsewhere\n", Files.readString(written));
    }

    /**
     * {@code template --out DIR} wrote through a symbolic link under DIR ({@code DIR/alpha -> /elsewhere}) into a
     * folder the user never named. Now refused like generate's: exit 2, nothing written anywhere.
     */
    @Test
    void templateOutWritesThroughSymlinks(@TempDir Path dir) throws IOException {
        Path network = io.orca.testing.Project.dir().resolve("examples/besu-two-orgs.yaml");
        Path out = Files.createDirectories(dir.resolve("out"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path kept = Files.writeString(elsewhere.resolve("alpha-validator-1.yaml"), "not Orca's\n");
        Files.createSymbolicLink(out.resolve("alpha"), elsewhere);
        Run r = orca("template", network.toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains(out.resolve("alpha") + " is a symbolic link") && r.err().contains("orca template writes"), r.err());
        assertEquals("not Orca's\n", Files.readString(kept), "nothing written outside --out");
        try (var s = Files.list(elsewhere)) {
            assertEquals(1, s.count(), "nothing added outside --out");
        }
        try (var s = Files.list(out)) {
            assertEquals(List.of(out.resolve("alpha")), s.toList(), "nothing half-written inside --out either");
        }
        noStackTrace(r);

        Files.delete(out.resolve("alpha"));
        Run ok = orca("template", network.toString(), "--out", out.toString());
        assertEquals(0, ok.code(), ok.all());
        assertTrue(Files.isRegularFile(out.resolve("alpha").resolve("alpha-validator-1.yaml"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    // ---- an unreadable FILE: exit 2 for every command, as documented

    /** plan, generate and template exited 1 ("invalid") for a FILE that cannot be read; the docs say 2. */
    @Test
    void planGenerateTemplateOfAnUnreadableFileExitOne(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("folder.yaml"));
        for (String file : List.of(dir.resolve("missing.yaml").toString(), folder.toString())) {
            for (String[] args : List.of(new String[] {"plan", file}, new String[] {"generate", file, "--out", dir.resolve("o").toString()},
                    new String[] {"template", file, "--out", dir.resolve("t").toString()})) {
                Run r = orca(args);
                assertEquals(2, r.code(), String.join(" ", args) + ": " + r.all());
                assertTrue(r.err().contains(file), r.err());
                noStackTrace(r);
            }
        }
        assertFalse(Files.exists(dir.resolve("o")) || Files.exists(dir.resolve("t")), "nothing written");
    }
}
