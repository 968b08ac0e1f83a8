package io.orca.testcluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.orca.app.CredentialResolver;
import io.orca.app.GenerateService;
import io.orca.app.PublishService;
import io.orca.app.TemplateService;
import io.orca.publish.PublishOptions;
import io.orca.publish.PublishReport;
import io.orca.render.Generated;
import io.orca.secrets.AgeKeyPair;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GoQuorum (issue 16): Orca's output for a GoQuorum network against the real API server and Flux controllers. */
@ClusterTest
class QuorumOnClusterTest {

    /** Everything {@code orca template} renders for GoQuorum (QBFT with Tessera, and raft) passes a strict server-side dry run. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"examples/quorum-two-orgs.yaml", "src/test/resources/schema/valid/quorum-minimal.yaml"})
    void everythingTemplateRendersPassesAStrictServerSideDryRun(String network, TestCluster cluster) throws Exception {
        KubernetesClient client = cluster.client();
        GenerateService.Outcome o = Generated.generate(Project.dir().resolve(network), network);
        TemplateService.Result rendered = TemplateService.render(o.plan());
        assertEquals(Map.of(), rendered.failures());
        String ns = cluster.createNamespace("orca-quorum");
        int objects = 0;
        for (String manifest : rendered.manifests().values()) {
            for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(manifest)) {
                if (doc == null) continue;
                HasMetadata obj = Serialization.unmarshal(Serialization.asJson(doc), HasMetadata.class);
                obj.getMetadata().setNamespace(ns);
                HasMetadata accepted = client.resource(obj).inNamespace(ns).dryRun()
                        .fieldValidation(FieldValidateable.Validation.STRICT).create();
                assertNotNull(accepted.getMetadata().getUid(), obj.getKind() + " " + obj.getMetadata().getName());
                objects++;
            }
        }
        assertTrue(objects >= 8, "rendered objects dry-run: " + objects);
    }

    /**
     * orca publish of a GoQuorum network to a Git server on loopback: Flux syncs the organization's tree,
     * kustomize-controller decrypts the geth node keys Orca encrypted, helm-controller installs quorum-network from the
     * repository, and every node of the organization gets its HelmRelease.
     */
    @Test
    void aPublishedNetworkIsSyncedDecryptedAndInstalledByFlux(TestCluster cluster, @TempDir Path tmp) throws Exception {
        KubernetesClient client = cluster.client();
        String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 99_999));
        String env = "e" + suffix;
        String org = "acme" + suffix;
        AgeKeyPair key = AgeKeyPair.generate();
        try (GitHttpBackendServer server = GitHttpBackendServer.start(tmp.resolve("srv"))) {
            server.createBareRepository("gitops.git", "main");
            // An empty repository: publish delivers the charts the HelmReleases name (issue 14), nothing is pushed by hand.
            GitWork work = GitWork.create(server, "gitops.git", "main", tmp.resolve("work"));
            String yaml = Files.readString(Project.dir().resolve("examples/quorum-two-orgs.yaml"))
                    .replace("    type: dev\n", "    type: " + env + "\n")
                    .replace("  docker:\n", "  secrets:\n    age_recipients: [\"" + key.recipient() + "\"]\n  docker:\n")
                    .replace("name: carrier\n", "name: " + org + "\n")
                    .replace("      name: " + org + "\n", """
                                  name: %s
                                  gitops:
                                    git_url: %s
                                    branch: main
                                    release_dir: clusters/%s
                                    chart_source: charts
                            """.formatted(org, server.url("gitops.git"), env));
            PublishService.Result published = PublishService.publish(new PublishService.Request("network.yaml",
                    yaml.getBytes(StandardCharsets.UTF_8), tmp, tmp.resolve("state"), PublishOptions.defaults(tmp.resolve("cache")),
                    false, new CredentialResolver(k -> null)));
            assertNotNull(published.report(), () -> "refused: " + published.refusal() + "; diagnostics: "
                    + (published.outcome() == null ? "" : published.outcome().diagnostics()));
            assertEquals(PublishReport.EXIT_OK, published.report().exitCode(), published.report().render(false));

            // Bootstrap as flux bootstrap would: the Flux namespace, the age key, then Orca's own sync objects.
            String fluxNs = "flux-" + env;
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(fluxNs).endMetadata().build()).create();
            client.secrets().inNamespace(fluxNs).resource(new SecretBuilder().withNewMetadata().withName("sops-age").endMetadata()
                    .addToStringData("age.agekey", key.identity().reveal()).build()).create();
            work.git("pull", "-q", server.url("gitops.git"), "main");
            assertEquals("1", work.git("rev-list", "--count", "HEAD").strip(), "the repository holds Orca's commit alone");
            assertTrue(Files.isRegularFile(work.dir().resolve("charts/quorum-network/Chart.yaml")), "the chart came with the publish");
            String sync = Files.readString(work.dir().resolve("clusters/" + env + "/flux-" + env + "/gotk-sync.yaml"));
            for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(sync)) {
                if (doc != null) Flux.create(client, fluxNs, Serialization.asYaml(doc));
            }
            Flux.ready(client, "GitRepository", fluxNs, fluxNs);

            String ns = org + "-quo";
            String secretName = org + "-validator-1-nodekey";
            Secret secret = Await.until(Flux.TIMEOUT, "decrypted Secret " + ns + "/" + secretName,
                    () -> client.namespaces().withName(ns).get() == null ? null : client.secrets().inNamespace(ns).withName(secretName).get(),
                    s -> s != null);
            String nodeKey = new String(Base64.getDecoder().decode(secret.getData().get("nodekey")), StandardCharsets.UTF_8);
            String kept = Files.readString(tmp.resolve("state/" + org + "/" + secretName + ".json"));
            assertTrue(kept.contains(nodeKey), "kustomize-controller decrypted the node key Orca encrypted");
            assertTrue(nodeKey.matches("[0-9a-f]{64}"), "geth's nodekey file: 64 hex digits, no 0x");

            GenericKubernetesResource network = Flux.ready(client, "HelmRelease", ns, org + "-network");
            assertNotNull(network);
            ConfigMap genesis = client.configMaps().inNamespace(ns).withName(org + "-network-genesis").get();
            assertNotNull(genesis, "helm-controller installed Orca's quorum-network chart from the repository");
            assertTrue(genesis.getData().get("genesis.json").contains("\"isQuorum\": true"));
            assertTrue(genesis.getData().get("genesis.json").contains("\"qbft\""));
            // Static nodes are the four validators only (decision 0009); every node is permissioned.
            ConfigMap peers = client.configMaps().inNamespace(ns).withName(org + "-network-peers").get();
            assertNotNull(peers);
            String staticNodes = peers.getData().get("static-nodes.json");
            assertEquals(4, staticNodes.split("enode://", -1).length - 1, staticNodes);
            assertTrue(staticNodes.contains("@" + org + "-validator-1." + ns + ".svc.cluster.local:30303"), staticNodes);
            assertFalse(staticNodes.contains("store-member-1"), staticNodes);
            String permissioned = peers.getData().get("permissioned-nodes.json");
            assertEquals(5, permissioned.split("enode://", -1).length - 1, permissioned);
            assertTrue(permissioned.contains("@store-member-1.store-quo.svc.cluster.local:30303"), permissioned);
            assertEquals(2, peers.getData().get("bootnodes").split(",").length, "the two flagged bootnodes");
            List<String> releases = new ArrayList<>();
            client.genericKubernetesResources(Flux.context("HelmRelease")).inNamespace(ns).list().getItems()
                    .forEach(r -> releases.add(r.getMetadata().getName()));
            assertEquals(List.of(org + "-network", org + "-validator-1", org + "-validator-2", org + "-validator-3",
                    org + "-validator-4"), releases.stream().sorted().toList());
        }
    }
}
