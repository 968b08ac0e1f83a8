package io.orca.testcluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.orca.app.CredentialResolver;
import io.orca.app.GenerateService;
import io.orca.app.PublishService;
import io.orca.app.TemplateService;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.ReleasePlan;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Orca's Fabric output against the real API server and Flux controllers. What kwok cannot show: containers never
 * run (Pods are marked Running and Ready without an orderer, a peer or CouchDB starting) and Jobs are marked
 * complete without running their scripts — so these tests prove that everything is accepted, ordered and
 * reconciled, not that the channel forms; the block and identities are checked against Fabric's own outputs
 * elsewhere (GenesisBlockReferenceTest, OrganizationCryptoTest).
 */
@ClusterTest
class FabricOnClusterTest {

    /** Everything {@code orca template} renders for a Fabric network passes a strict server-side dry run. */
    @Test
    void everythingTemplateRendersPassesAStrictServerSideDryRun(TestCluster cluster) throws Exception {
        KubernetesClient client = cluster.client();
        int objects = 0;
        List<String> kinds = new ArrayList<>();
        for (Generated.Input input : Generated.fabricNetworks()) {
            GenerateService.Outcome o = input.generate();
            TemplateService.Result rendered = TemplateService.render(o.plan());
            assertEquals(Map.of(), rendered.failures(), input.name());
            String ns = cluster.createNamespace("orca-fabric");
            for (String manifest : rendered.manifests().values()) {
                for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(manifest)) {
                    if (doc == null) continue;
                    HasMetadata obj = Serialization.unmarshal(Serialization.asJson(doc), HasMetadata.class);
                    obj.getMetadata().setNamespace(ns);
                    HasMetadata accepted = client.resource(obj).inNamespace(ns).dryRun()
                            .fieldValidation(FieldValidateable.Validation.STRICT).create();
                    assertNotNull(accepted.getMetadata().getUid(), input.name() + ": " + obj.getKind() + " " + obj.getMetadata().getName());
                    if (!kinds.contains(obj.getKind())) kinds.add(obj.getKind());
                    objects++;
                }
            }
        }
        assertTrue(kinds.containsAll(List.of("ConfigMap", "Service", "StatefulSet", "Job", "Deployment")), kinds.toString());
        assertTrue(objects >= 150, "rendered objects dry-run: " + objects);
    }

    /**
     * The three-organization example published to a Git server on loopback: Flux syncs it, decrypts Orca's Secrets
     * and installs every release in dependency order — CA material, orderers, peers, channel joins, chaincode — until
     * every HelmRelease is Ready (Jobs included, as kwok completes them).
     */
    @Test
    void aPublishedFabricNetworkIsReconciledByFluxToEveryHelmReleaseReady(TestCluster cluster, @TempDir Path tmp) throws Exception {
        KubernetesClient client = cluster.client();
        String sfx = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 99_999));
        String env = "f" + sfx;
        String oo = "oo" + sfx;
        String pa = "pa" + sfx;
        String pb = "pb" + sfx;
        AgeKeyPair key = AgeKeyPair.generate();
        List<String> volumes = new ArrayList<>();
        try (GitHttpBackendServer server = GitHttpBackendServer.start(tmp.resolve("srv"))) {
            server.createBareRepository("gitops.git", "main");
            // An empty repository: publish delivers the charts the HelmReleases name (issue 14), nothing is pushed by hand.
            GitWork work = GitWork.create(server, "gitops.git", "main", tmp.resolve("work"));
            String gitops = "        config_file: ~/.kube/config\n      gitops:\n        git_url: " + server.url("gitops.git")
                    + "\n        branch: main\n        release_dir: clusters/" + env + "\n        chart_source: charts\n";
            String yaml = Files.readString(Project.dir().resolve("examples/fabric-three-orgs.yaml"))
                    .replace("ordererorg", oo).replace("org1", pa).replace("org2", pb)
                    .replace("    type: dev\n", "    type: " + env + "\n")
                    .replace("  docker:\n", "  secrets:\n    age_recipients: [\"" + key.recipient() + "\"]\n  docker:\n")
                    .replace("        config_file: ~/.kube/config\n", gitops);
            PublishService.Result published = PublishService.publish(new PublishService.Request("network.yaml",
                    yaml.getBytes(StandardCharsets.UTF_8), tmp, tmp.resolve("state"), PublishOptions.defaults(tmp.resolve("cache")),
                    false, new CredentialResolver(k -> null)));
            assertNotNull(published.report(), () -> "refused: " + published.refusal() + "; diagnostics: "
                    + (published.outcome() == null ? "" : published.outcome().diagnostics()));
            assertEquals(PublishReport.EXIT_OK, published.report().exitCode(), published.report().render(false));

            // No volume provisioner here: static volumes for the orderers' and peers' claims (3 + 3 x 2).
            for (int i = 0; i < 9; i++) {
                String name = env + "-pv-" + i;
                client.persistentVolumes().resource(new PersistentVolumeBuilder().withNewMetadata().withName(name).endMetadata()
                        .withNewSpec().withCapacity(Map.of("storage", new Quantity("10Gi"))).withAccessModes("ReadWriteOnce")
                        .withStorageClassName("").withNewHostPath().withPath("/tmp/" + name).endHostPath().endSpec().build()).create();
                volumes.add(name);
            }
            String fluxNs = "flux-" + env;
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(fluxNs).endMetadata().build()).create();
            client.secrets().inNamespace(fluxNs).resource(new SecretBuilder().withNewMetadata().withName("sops-age").endMetadata()
                    .addToStringData("age.agekey", key.identity().reveal()).build()).create();
            work.git("pull", "-q", server.url("gitops.git"), "main");
            assertEquals("1", work.git("rev-list", "--count", "HEAD").strip(), "the repository holds Orca's commit alone");
            assertTrue(Files.isRegularFile(work.dir().resolve("charts/fabric-msp/Chart.yaml")), "the chart came with the publish");
            String sync = Files.readString(work.dir().resolve("clusters/" + env + "/flux-" + env + "/gotk-sync.yaml"));
            for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(sync)) {
                if (doc != null) Flux.create(client, fluxNs, Serialization.asYaml(doc));
            }
            Flux.ready(client, "GitRepository", fluxNs, fluxNs);

            // Every release Ready, in the plan's order (each after what it depends on).
            int ready = 0;
            for (OrganizationPlan op : published.outcome().plan().organizations()) {
                for (ReleasePlan r : op.releases()) {
                    GenericKubernetesResource hr = Await.until(Duration.ofMinutes(5), "HelmRelease " + op.namespace() + "/" + r.name() + " Ready",
                            () -> Flux.get(client, "HelmRelease", op.namespace(), r.name()), x -> x != null && Await.isReady(x));
                    assertNotNull(hr);
                    ready++;
                }
            }
            assertEquals(14, ready);

            // What Flux installed is what Orca made: the genesis block, the decrypted identities, completed Jobs.
            String ordererNs = oo + "-net";
            ConfigMap genesis = client.configMaps().inNamespace(ordererNs).withName(oo + "-ch-mychannel-genesis").get();
            assertNotNull(genesis);
            String planned = (String) published.outcome().plan().organizations().get(0).releases().stream()
                    .filter(r -> r.name().equals(oo + "-ch-mychannel")).findFirst().orElseThrow().values().get("genesisBlock");
            assertEquals(planned, genesis.getBinaryData().get("genesis.block"));
            var tls = client.secrets().inNamespace(ordererNs).withName(oo + "-orderer0-tls").get();
            assertNotNull(tls, "kustomize-controller decrypted the orderer's TLS Secret");
            String tlsKey = new String(Base64.getDecoder().decode(tls.getData().get("tls.key")), StandardCharsets.UTF_8);
            assertTrue(tlsKey.startsWith("-----BEGIN PRIVATE KEY-----"));
            List<Job> jobs = client.batch().v1().jobs().inNamespace(pa + "-net").list().getItems();
            assertTrue(jobs.size() >= 5, "2 peer joins, 2 installs, approve, commit: " + jobs.size());
            for (Job j : jobs) assertEquals(Integer.valueOf(1), j.getStatus().getSucceeded(), j.getMetadata().getName());
            assertEquals(2, client.apps().statefulSets().inNamespace(pa + "-net").list().getItems().size());
            assertNotNull(client.apps().deployments().inNamespace(pa + "-net").withName(pa + "-cc-asset-transfer").get());
        } finally {
            // Leave the cluster as found: the network's namespaces (helm-controller uninstalls their releases) and volumes.
            for (String n : List.of("flux-" + env, oo + "-net", pa + "-net", pb + "-net")) client.namespaces().withName(n).delete();
            for (String v : volumes) client.persistentVolumes().withName(v).delete();
        }
    }
}
