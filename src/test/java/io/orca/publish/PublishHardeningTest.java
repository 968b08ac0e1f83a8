package io.orca.publish;

import io.orca.secrets.AgeKeyPair;
import io.orca.secrets.Sops;
import io.orca.testing.GitCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.orca.publish.Fixtures.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Regression tests for the publish engine's findings of issue 10, each named after its bug, on real local remotes. */
class PublishHardeningTest {
    private static final String PLAIN = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: pw-4711\n";

    @TempDir
    Path tmp;

    private Publisher publisher() {
        return new Publisher(PublishOptions.defaults(tmp.resolve("cache")));
    }

    // ---- 7. publish never commits a plaintext Secret

    /** Nothing kept publish from committing a {@code *.sops.yaml} without a sops block, or a plaintext Secret. */
    @Test
    void publishCommitsAPlaintextSopsFile() throws Exception {
        Path remote = GitCli.initBare(tmp.resolve("r.git"), "main");
        GitTarget target = GitTarget.of(remote.toString(), "main");
        String encrypted = Sops.encrypt(PLAIN, List.of(AgeKeyPair.generate().recipient()));
        for (Map<String, String> files : List.of(Map.of("ns/secrets/s.sops.yaml", PLAIN), Map.of("ns/s.yaml", PLAIN),
                Map.of("ns/secrets/empty.sops.yml", ""), Map.of("ns/list.yaml", "kind: List\n---\nkind: \"Secret\"\ndata: {}\n"))) {
            RepositoryReport r = publisher().publish(List.of(change(target, dir(files)))).repositories().get(0);
            assertEquals(PublishStatus.FAILED, r.status(), files.keySet().toString());
            assertTrue(r.message().contains("not SOPS-encrypted") && r.message().contains("Orca never commits a Secret in plaintext"),
                    r.message());
            assertFalse(r.message().contains("pw-4711"), r.message());
            assertNull(GitCli.head(remote, "main"), "nothing pushed");
        }
        // encrypted ones, and YAML that only mentions Secrets, go through
        RepositoryReport ok = publisher().publish(List.of(change(target, dir(Map.of("ns/secrets/s.sops.yaml", encrypted,
                "ns/role.yaml", "kind: Role\nrules:\n  - resources: [secrets]\n    kind: Secret\n"))))).repositories().get(0);
        assertEquals(PublishStatus.COMMITTED, ok.status(), ok.message());
    }

    private static OwnedDirectory dir(Map<String, String> files) {
        java.util.TreeMap<String, byte[]> bytes = new java.util.TreeMap<>();
        files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return new OwnedDirectory("org1", "releases/org1", bytes);
    }
}
