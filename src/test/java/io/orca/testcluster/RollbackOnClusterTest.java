package io.orca.testcluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.orca.app.CredentialResolver;
import io.orca.app.DevMode;
import io.orca.app.Effects;
import io.orca.app.HistoryService;
import io.orca.app.PublishService;
import io.orca.publish.PublishOptions;
import io.orca.publish.PublishReport;
import io.orca.publish.PublishStatus;
import io.orca.secrets.AgeKeyPair;
import io.orca.testing.GitCli;
import io.orca.testing.GitHttpBackendServer;
import io.orca.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: {@code orca rollback --wait} on the test cluster's Flux controllers. One organization publishes to a Git
 * server on loopback, publishes a change, then rolls back to the first publish and waits: Flux's sync is at the
 * rollback commit and every HelmRelease of the first publish is Ready.
 */
@ClusterTest
class RollbackOnClusterTest {
    @Test
    void rollbackWaitIsReadyAtTheRollbackCommit(TestCluster cluster, @TempDir Path tmp) throws Exception {
        KubernetesClient client = cluster.client();
        String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 99_999));
        String env = "r" + suffix;
        String org = "acme" + suffix;
        AgeKeyPair key = AgeKeyPair.generate();
        try (GitHttpBackendServer server = GitHttpBackendServer.start(tmp.resolve("srv"))) {
            Path remote = server.createBareRepository("gitops.git", "main");
            // The repository holds the charts, as in OrcaOnClusterTest (until publish delivers them).
            GitWork work = GitWork.create(server, "gitops.git", "main", tmp.resolve("work"));
            Path charts = Project.dir().resolve("charts");
            try (Stream<Path> s = Files.walk(charts)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    work.write("charts/" + charts.relativize(p).toString().replace('\\', '/'), Files.readString(p));
                }
            }
            work.commitAndPush("charts");
            String first = Files.readString(Project.dir().resolve("examples/besu-two-orgs.yaml"))
                    .replace("    type: dev\n", "    type: " + env + "\n")
                    .replace("  docker:\n", "  secrets:\n    age_recipients: [\"" + key.recipient() + "\"]\n  docker:\n")
                    .replace("name: alpha\n", "name: " + org + "\n")
                    .replace("context: kind-alpha\n        config_file: ~/.kube/config",
                            "context: " + ApplyOnClusterTest.context(cluster.kubeconfig()) + "\n        config_file: " + cluster.kubeconfig())
                    .replace("      external_url_suffix: alpha.example.test\n", """
                                  external_url_suffix: alpha.example.test
                                  gitops:
                                    git_url: %s
                                    branch: main
                                    release_dir: clusters/%s
                                    chart_source: charts
                            """.formatted(server.url("gitops.git"), env));
            // the change: validator-3's metrics on (its release only)
            String changed = first.replace("            metrics: { enabled: false, port: 9545 }\n          - validator:\n            name: validator-4",
                    "            metrics: { enabled: true, port: 9545 }\n          - validator:\n            name: validator-4");
            assertNotEquals(first, changed);

            publish(tmp, first);
            String p1 = GitCli.head(remote, "main");

            // Flux as flux bootstrap would set it up (orca bootstrap's part): namespace, age key, Orca's sync objects
            String fluxNs = "flux-" + env;
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(fluxNs).endMetadata().build()).create();
            client.secrets().inNamespace(fluxNs).resource(new SecretBuilder().withNewMetadata().withName("sops-age").endMetadata()
                    .addToStringData("age.agekey", key.identity().reveal()).build()).create();
            work.git("pull", "-q", server.url("gitops.git"), "main");
            String sync = Files.readString(work.dir().resolve("clusters/" + env + "/flux-" + env + "/gotk-sync.yaml"));
            for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(sync)) {
                if (doc != null) Flux.create(client, fluxNs, Serialization.asYaml(doc));
            }
            String ns = org + "-bes";
            Flux.ready(client, "HelmRelease", ns, org + "-validator-3");

            publish(tmp, changed);
            String p2 = GitCli.head(remote, "main");
            assertNotEquals(p1, p2);
            Flux.requestReconcile(client, "GitRepository", fluxNs, fluxNs);
            Await.until(Flux.TIMEOUT, "Kustomization at the change", () -> Flux.get(client, "Kustomization", fluxNs, fluxNs),
                    k -> k != null && String.valueOf(Flux.lastAppliedRevision(k)).endsWith(p2));

            HistoryService.Request request = new HistoryService.Request("network.yaml", first.getBytes(StandardCharsets.UTF_8), tmp,
                    PublishOptions.defaults(tmp.resolve("cache")), false, Set.of(org), new CredentialResolver(k -> null));
            HistoryService.RollbackResult rolled = HistoryService.rollback(request, p1.substring(0, 8));
            assertEquals(0, rolled.exitCode(), String.valueOf(rolled.refusal()) + rolled.results());
            assertEquals(PublishStatus.COMMITTED, rolled.results().get(0).report().status());
            String r = GitCli.head(remote, "main");
            assertEquals(p2, GitCli.git(remote, "rev-parse", r + "^").strip(), "a new commit on top of the change");
            assertEquals(r, rolled.commitsByOrganization().get(org));
            // what a webhook Receiver does on a push: reconcile now instead of at the interval
            Flux.requestReconcile(client, "GitRepository", fluxNs, fluxNs);
            List<HistoryService.Waited> waited = HistoryService.await("network.yaml", first.getBytes(StandardCharsets.UTF_8), rolled,
                    DevMode.Selection.ALL, Flux.TIMEOUT, Duration.ofSeconds(1), Effects.KUBERNETES);
            assertEquals(1, waited.size());
            assertTrue(waited.get(0).state().ready(), String.valueOf(waited.get(0).state()));
            assertTrue(Flux.artifactRevision(Flux.get(client, "GitRepository", fluxNs, fluxNs)).endsWith(r));
            assertTrue(Flux.lastAppliedRevision(Flux.get(client, "Kustomization", fluxNs, fluxNs)).endsWith(r));
            assertEquals(5, rolled.releasesByOrganization().get(org).size(), rolled.releasesByOrganization().toString());
            for (var h : rolled.releasesByOrganization().get(org)) {
                assertTrue(Await.isReady(Flux.get(client, "HelmRelease", ns, h.name())), h.toString());
            }
            assertEquals(GitCli.show(remote, "main", "clusters/" + env + "/" + ns + "/" + org + "-validator-3.yaml"),
                    showAt(remote, p1, "clusters/" + env + "/" + ns + "/" + org + "-validator-3.yaml"), "validator-3 as at the first publish");
        }
    }

    private static String showAt(Path remote, String rev, String path) throws Exception {
        return GitCli.git(remote, "show", rev + ":" + path);
    }

    private static void publish(Path tmp, String yaml) {
        PublishService.Result published = PublishService.publish(new PublishService.Request("network.yaml",
                yaml.getBytes(StandardCharsets.UTF_8), tmp, tmp.resolve("state"), PublishOptions.defaults(tmp.resolve("cache")),
                false, new CredentialResolver(k -> null)));
        assertNotNull(published.report(), () -> "refused: " + published.refusal() + "; diagnostics: "
                + (published.outcome() == null ? "" : published.outcome().diagnostics()));
        assertEquals(PublishReport.EXIT_OK, published.report().exitCode(), published.report().render(false));
    }
}
