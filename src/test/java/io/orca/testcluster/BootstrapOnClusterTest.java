package io.orca.testcluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.orca.testing.GitHttpBackendServer;
import io.orca.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.orca.testcluster.ApplyOnClusterTest.context;
import static io.orca.testcluster.ApplyOnClusterTest.orca;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: from zero, exactly as bootstrap.md tells a user — {@code orca secrets keygen}, {@code orca bootstrap}, then
 * {@code orca publish} — on two clusters, one organization each, with Git servers on loopback: every HelmRelease of
 * both organizations Ready with nothing pushed or applied by hand. Also: dry run writes nothing, a second bootstrap
 * changes nothing, publish calls the Receiver (the sync interval is 60m, so only the Receiver makes Flux fetch at
 * once), and another Flux version is refused without --force.
 */
@ClusterTest
class BootstrapOnClusterTest {

    private static String receiverPort(TestCluster c) throws Exception {
        Path ports = c.kubeconfig().getParent().resolve("ports");
        Matcher m = Pattern.compile("(?m)^P_NC_RCV=(\\d+)").matcher(Files.readString(ports));
        assertTrue(m.find(), "no P_NC_RCV in " + ports);
        return m.group(1);
    }

    private static String keygen(Path orcaDir, String org) {
        ApplyOnClusterTest.Run r = orca("secrets", "keygen", org, "--orca-dir", orcaDir.toString());
        assertEquals(0, r.code(), r::toString);
        Matcher m = Pattern.compile("age1[0-9a-z]+").matcher(r.out());
        assertTrue(m.find(), r::toString);
        return m.group();
    }

    @Test
    void fromZeroBootstrapThenPublishMakesEveryReleaseReadyOnTwoClusters(TestCluster ca, @TempDir Path tmp) throws Exception {
        String s = ApplyOnClusterTest.suffix();
        String a = "al" + s;
        String b = "be" + s;
        String env = "b" + s;
        String fluxNs = "flux-" + env;
        String second = System.getProperty("orca.testCluster.second", System.getProperty("orca.testCluster.name", "junit") + "-b");
        try (TestCluster cb = TestCluster.start(second);
             GitHttpBackendServer git = GitHttpBackendServer.start(tmp.resolve("git"))) {
            git.createBareRepository("repo-a.git", "main");
            git.createBareRepository("repo-b.git", "main");
            Path orcaDir = tmp.resolve("orca");
            String recipientA = keygen(orcaDir, a);
            String recipientB = keygen(orcaDir, b);
            String yaml = ApplyOnClusterTest.network("alpha", ca, "beta", cb, false)
                    .replace("    type: dev\n", "    type: " + env + "\n")
                    .replace("  docker:\n", "  flux:\n    interval: 60m\n  docker:\n")
                    .replace("      external_url_suffix: alpha.example.test\n", org("alpha", recipientA, git.url("repo-a.git"), env, receiverPort(ca)))
                    .replace("      external_url_suffix: beta.example.test\n", org("beta", recipientB, git.url("repo-b.git"), env, receiverPort(cb)))
                    .replace("alpha", a).replace("beta", b);
            Path file = ApplyOnClusterTest.write(tmp, "network.yaml", yaml);
            String state = tmp.resolve("state").toString();
            List<String> common = List.of("--orca-dir", orcaDir.toString(), "--state-dir", state, "--timeout", "3m");

            ApplyOnClusterTest.Run dry = orca(args("bootstrap", file.toString(), "--dry-run", common));
            assertEquals(0, dry.code(), dry::toString);
            assertTrue(dry.out().contains("would create  Deployment " + fluxNs + "/source-controller"), dry::toString);
            assertTrue(dry.out().contains("<redacted>") && !dry.out().contains("AGE-SECRET-KEY"), dry::toString);
            assertNull(ca.client().namespaces().withName(fluxNs).get(), "a dry run writes nothing");
            assertFalse(Files.exists(tmp.resolve("state")), "a dry run keeps no token");

            ApplyOnClusterTest.Run boot = orca(args("bootstrap", file.toString(), common));
            assertEquals(0, boot.code(), boot::toString);
            assertTrue(boot.out().contains("2 organizations: 2 changed, 0 unchanged, 0 failed"), boot::toString);
            for (TestCluster c : List.of(ca, cb)) {
                KubernetesClient client = c.client();
                for (String controller : List.of("source-controller", "kustomize-controller", "helm-controller",
                        "notification-controller", "image-reflector-controller", "image-automation-controller")) {
                    Deployment d = client.apps().deployments().inNamespace(fluxNs).withName(controller).get();
                    assertNotNull(d, controller);
                    assertEquals("v2.9.4", d.getMetadata().getLabels().get("app.kubernetes.io/version"));
                    assertEquals(Integer.valueOf(1), d.getStatus().getReadyReplicas(), controller + " Ready (kwok)");
                }
                assertNotNull(client.secrets().inNamespace(fluxNs).withName("sops-age").get());
                assertNotNull(Flux.get(client, "GitRepository", fluxNs, fluxNs));
            }

            ApplyOnClusterTest.Run published = orca("publish", file.toString(), "--state-dir", state,
                    "--work-dir", tmp.resolve("work").toString());
            assertEquals(0, published.code(), published::toString);
            assertTrue(published.err().contains("asked Flux of organization '" + a + "' to fetch now"), published::toString);
            assertTrue(published.err().contains("asked Flux of organization '" + b + "' to fetch now"), published::toString);

            for (TestCluster c : List.of(ca, cb)) {
                KubernetesClient client = c.client();
                GenericKubernetesResource repo = Flux.ready(client, "GitRepository", fluxNs, fluxNs);
                Map<String, String> annotations = repo.getMetadata().getAnnotations();
                assertTrue(annotations != null && annotations.containsKey("reconcile.fluxcd.io/requestedAt"),
                        "the Receiver asked source-controller to fetch: " + annotations);
                Flux.ready(client, "Kustomization", fluxNs, fluxNs);
            }
            assertReleasesReady(ca.client(), a + "-bes", 5);
            assertReleasesReady(cb.client(), b + "-bes", 0);

            ApplyOnClusterTest.Run again = orca(args("bootstrap", file.toString(), common));
            assertEquals(0, again.code(), again::toString);
            assertTrue(again.out().contains("2 organizations: 0 changed, 2 unchanged, 0 failed"), again::toString);
            assertTrue(again.out().contains(a + ": no change"), again::toString);

            // Another Flux in another namespace of cluster b: refused without --force, untouched.
            String env2 = "o" + s;
            String otherNs = "flux-" + env2;
            KubernetesClient client = cb.client();
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(otherNs).endMetadata().build()).create();
            client.apps().deployments().inNamespace(otherNs).resource(new DeploymentBuilder().withNewMetadata()
                    .withName("source-controller").addToLabels("app.kubernetes.io/part-of", "flux")
                    .addToLabels("app.kubernetes.io/version", "v2.3.0").endMetadata()
                    .withNewSpec().withNewSelector().addToMatchLabels("app", "sc").endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", "sc").endMetadata()
                    .withNewSpec().addNewContainer().withName("manager").withImage("ghcr.io/fluxcd/source-controller:v1.3.0").endContainer()
                    .endSpec().endTemplate().endSpec().build()).create();
            Path other = ApplyOnClusterTest.write(tmp, "other.yaml", yaml.replace("    type: " + env + "\n", "    type: " + env2 + "\n"));
            ApplyOnClusterTest.Run refused = orca(args("bootstrap", other.toString(), "--org", b, common));
            assertEquals(1, refused.code(), refused::toString);
            assertTrue(refused.err().contains("a different Flux version") && refused.err().contains("v2.3.0")
                    && refused.err().contains("--force"), refused::toString);
            assertEquals("v2.3.0", client.apps().deployments().inNamespace(otherNs).withName("source-controller").get()
                    .getMetadata().getLabels().get("app.kubernetes.io/version"));
            assertNull(client.apps().deployments().inNamespace(otherNs).withName("helm-controller").get(), "nothing written");
        }
    }

    private static String[] args(String command, String file, List<String> common) {
        return args(command, file, null, common);
    }

    private static String[] args(String command, String file, String flag, List<String> common) {
        List<String> out = new java.util.ArrayList<>(List.of(command, file));
        if (flag != null) out.add(flag);
        out.addAll(common);
        return out.toArray(String[]::new);
    }

    private static String[] args(String command, String file, String flag, String value, List<String> common) {
        List<String> out = new java.util.ArrayList<>(List.of(command, file, flag, value));
        out.addAll(common);
        return out.toArray(String[]::new);
    }

    private static String org(String name, String recipient, String url, String env, String receiverPort) {
        return """
                      external_url_suffix: %s.example.test
                      secrets:
                        age_recipients: ["%s"]
                      gitops:
                        git_url: %s
                        branch: main
                        release_dir: clusters/%s
                        chart_source: charts
                        receiver_url: http://127.0.0.1:%s
                """.formatted(name, recipient, url, env, receiverPort);
    }

    private static void assertReleasesReady(KubernetesClient client, String ns, int expected) {
        List<GenericKubernetesResource> releases = Await.until(Flux.TIMEOUT, "HelmReleases in " + ns,
                () -> client.genericKubernetesResources(Flux.context("HelmRelease")).inNamespace(ns).list().getItems(),
                l -> expected > 0 ? l.size() == expected : !l.isEmpty());
        for (GenericKubernetesResource r : releases) Flux.ready(client, "HelmRelease", ns, r.getMetadata().getName());
        if (expected > 0) assertEquals(expected, releases.size());
    }
}
