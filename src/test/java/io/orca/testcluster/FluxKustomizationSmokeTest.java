package io.orca.testcluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.orca.testing.GitHttpBackendServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kustomize-controller: applying a folder, pruning what leaves it, and decrypting SOPS (age) Secrets. */
@ClusterTest
class FluxKustomizationSmokeTest {

    @Test
    void appliesAFolderAndPrunesAnObjectRemovedFromIt(TestCluster cluster, @TempDir Path tmp) throws Exception {
        KubernetesClient client = cluster.client();
        String ns = cluster.createNamespace("flux-ks");
        try (GitHttpBackendServer git = GitHttpBackendServer.start(tmp.resolve("srv"))) {
            GitWork work = GitWork.create(git, "apps.git", "main", tmp.resolve("work"));
            work.write("deploy/keep.yaml", configMap("keep"));
            work.write("deploy/drop.yaml", configMap("drop"));
            work.write("elsewhere/other.yaml", configMap("outside-path"));
            String first = work.commitAndPush("two config maps");

            Flux.create(client, ns, Flux.gitRepository("apps", work.url(), "main"));
            Flux.create(client, ns, kustomization("apps", ns, "./deploy", null));
            GenericKubernetesResource ks = Flux.ready(client, "Kustomization", ns, "apps");
            assertEquals("main@sha1:" + first, Flux.lastAppliedRevision(ks));
            assertNotNull(client.configMaps().inNamespace(ns).withName("keep").get());
            assertNotNull(client.configMaps().inNamespace(ns).withName("drop").get());
            assertNull(client.configMaps().inNamespace(ns).withName("outside-path").get(), "only ./deploy is applied");

            String second = work.delete("deploy/drop.yaml").commitAndPush("drop one");
            Flux.requestReconcile(client, "GitRepository", ns, "apps");
            Await.until(Flux.TIMEOUT, "GitRepository at the second commit",
                    () -> Flux.get(client, "GitRepository", ns, "apps"),
                    r -> ("main@sha1:" + second).equals(Flux.artifactRevision(r)));
            Await.until(Flux.TIMEOUT, "Kustomization applied the second commit",
                    () -> Flux.get(client, "Kustomization", ns, "apps"),
                    r -> ("main@sha1:" + second).equals(Flux.lastAppliedRevision(r)) && Await.isReady(r));
            Await.until(Flux.TIMEOUT, "ConfigMap 'drop' pruned",
                    () -> client.configMaps().inNamespace(ns).withName("drop").get() == null, b -> b);
            assertNotNull(client.configMaps().inNamespace(ns).withName("keep").get(), "'keep' stays");
        }
    }

    @Test
    void decryptsAnAgeEncryptedSopsSecret(TestCluster cluster, @TempDir Path tmp) throws Exception {
        KubernetesClient client = cluster.client();
        String ns = cluster.createNamespace("flux-sops");
        // A real age key pair and the real sops binary, built from source by scripts/test-cluster tools.
        Path keyFile = tmp.resolve("age.key");
        run(tmp, TestCluster.ageKeygen().toString(), "-o", keyFile.toString());
        String privateKey = Files.readString(keyFile, StandardCharsets.UTF_8);
        String recipient = privateKey.lines().filter(l -> l.startsWith("# public key: "))
                .map(l -> l.substring("# public key: ".length()).trim()).findFirst().orElseThrow();
        String value = "v-" + UUID.randomUUID();
        Path plain = tmp.resolve("secret.yaml");
        Files.writeString(plain, """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: app-credentials
                type: Opaque
                stringData:
                  password: %s
                """.formatted(value));
        String encrypted = run(tmp, TestCluster.sops().toString(), "--encrypt", "--age", recipient,
                "--encrypted-regex", "^(data|stringData)$", "--input-type", "yaml", "--output-type", "yaml", plain.toString());
        assertFalse(encrypted.contains(value), "the encrypted file does not hold the value in clear");
        assertTrue(encrypted.contains("ENC[AES256_GCM,"), "sops encrypted the value");

        try (GitHttpBackendServer git = GitHttpBackendServer.start(tmp.resolve("srv"))) {
            GitWork work = GitWork.create(git, "secrets.git", "main", tmp.resolve("work"));
            work.write("secrets/app-credentials.yaml", encrypted);
            work.commitAndPush("encrypted secret");

            client.secrets().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                    .withNewMetadata().withName("sops-age").endMetadata()
                    .addToStringData("identity.agekey", privateKey).build()).create();
            Flux.create(client, ns, Flux.gitRepository("secrets", work.url(), "main"));
            Flux.create(client, ns, kustomization("secrets", ns, "./secrets", "sops-age"));
            Flux.ready(client, "Kustomization", ns, "secrets");

            Secret secret = client.secrets().inNamespace(ns).withName("app-credentials").get();
            assertNotNull(secret, "the decrypted Secret was applied");
            Map<String, String> data = secret.getData();
            assertNotNull(data);
            String decrypted = new String(Base64.getDecoder().decode(data.get("password")), StandardCharsets.UTF_8);
            assertTrue(decrypted.equals(value), "kustomize-controller decrypted the value that sops encrypted");
        }
    }

    private static String configMap(String name) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                data:
                  name: %s
                """.formatted(name, name);
    }

    private static String kustomization(String name, String namespace, String path, String ageSecret) {
        String decryption = ageSecret == null ? "" : """
                  decryption:
                    provider: sops
                    secretRef:
                      name: %s
                """.formatted(ageSecret);
        return """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: %s
                spec:
                  interval: 1m
                  timeout: 2m
                  path: %s
                  prune: true
                  targetNamespace: %s
                  sourceRef:
                    kind: GitRepository
                    name: %s
                """.formatted(name, path, namespace, name) + decryption;
    }

    /** Runs a command; returns its stdout. Its stderr is not shown (it may carry key material). */
    private static String run(Path dir, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), command[0] + " finished");
        assertEquals(0, p.exitValue(), command[0] + " exit code");
        return out;
    }
}
