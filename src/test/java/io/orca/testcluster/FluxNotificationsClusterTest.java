package io.orca.testcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.orca.app.GenerateService;
import io.orca.render.Generated;
import io.orca.render.RepositoryTree;
import io.orca.testing.GitHttpBackendServer;
import io.orca.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Issue 14: the notifications a network.yaml configures ({@code network.flux.notifications}) reach a webhook on
 * loopback when a HelmRelease of an organization becomes Ready and when one fails — through the Provider and Alert
 * Orca renders, the real helm-controller's events and the real notification-controller.
 */
@ClusterTest
class FluxNotificationsClusterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void notificationsReachAWebhookWhenAHelmReleaseIsReadyAndWhenOneFails(TestCluster cluster, @TempDir Path tmp) throws Exception {
        KubernetesClient client = cluster.client();
        String env = "n" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
        String org = "alpha" + env;
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/hook", exchange -> {
            try (exchange) {
                received.add(JSON.readTree(exchange.getRequestBody()));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        webhook.start();
        try (GitHttpBackendServer git = GitHttpBackendServer.start(tmp.resolve("srv"))) {
            String yaml = Files.readString(Project.dir().resolve("examples/besu-two-orgs.yaml"))
                    .replace("    type: dev\n", "    type: " + env + "\n")
                    .replace("name: alpha\n", "name: " + org + "\n")
                    .replace("  docker:\n", """
                              flux:
                                notifications:
                                  provider:
                                    type: generic
                                    address: http://127.0.0.1:%d/hook
                                  event_severity: info
                              docker:
                            """.formatted(webhook.getAddress().getPort()));
            Path file = tmp.resolve("network.yaml");
            Files.writeString(file, yaml);
            GenerateService.Outcome o = Generated.generate(file, "network.yaml");
            assertNotNull(o.plan(), () -> "diagnostics: " + o.report());
            RepositoryTree alpha = o.trees().stream().filter(t -> t.organizations().contains(org)).findFirst().orElseThrow();
            String notifications = alpha.files().entrySet().stream().filter(e -> e.getKey().endsWith("/notifications.yaml"))
                    .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("no notifications.yaml in " + alpha.files().keySet()));

            String fluxNs = "flux-" + env;
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(fluxNs).endMetadata().build()).create();
            for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(notifications)) {
                if (doc != null) Flux.create(client, fluxNs, Serialization.asYaml(doc));
            }
            // The organization's namespace as Orca names it, holding one release that installs and one that fails.
            String ns = org + "-bes";
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
            GitWork work = GitWork.create(git, "charts.git", "main", tmp.resolve("work"));
            work.write("charts/ok/Chart.yaml", "apiVersion: v2\nname: ok\nversion: 0.1.0\n");
            work.write("charts/ok/templates/cm.yaml", """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: {{ .Release.Name }}-cm
                    data:
                      a: b
                    """);
            work.write("charts/broken/Chart.yaml", "apiVersion: v2\nname: broken\nversion: 0.1.0\n");
            // The API server rejects the name (upper case): the install fails.
            work.write("charts/broken/templates/cm.yaml", """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: Not_A_Valid_Name
                    data:
                      a: b
                    """);
            work.commitAndPush("charts");
            String src = env + "-charts";
            Flux.create(client, ns, Flux.gitRepository(src, work.url(), "main"));
            Flux.ready(client, "GitRepository", ns, src);
            for (String chart : List.of("ok", "broken")) {
                Flux.create(client, ns, """
                        apiVersion: helm.toolkit.fluxcd.io/v2
                        kind: HelmRelease
                        metadata:
                          name: %s-%s
                        spec:
                          interval: 1m
                          timeout: 30s
                          install:
                            remediation:
                              retries: 0
                          chart:
                            spec:
                              chart: ./charts/%s
                              sourceRef:
                                kind: GitRepository
                                name: %s
                        """.formatted(env, chart, chart, src));
            }
            Flux.ready(client, "HelmRelease", ns, env + "-ok");

            JsonNode ready = Await.until(Flux.TIMEOUT, "a webhook call for HelmRelease " + env + "-ok",
                    () -> event(received, env + "-ok", "info"), e -> e != null);
            assertEquals(ns, ready.path("involvedObject").path("namespace").asText());
            assertEquals("HelmRelease", ready.path("involvedObject").path("kind").asText());
            JsonNode failed = Await.until(Flux.TIMEOUT, "an error webhook call for HelmRelease " + env + "-broken",
                    () -> event(received, env + "-broken", "error"), e -> e != null);
            assertEquals("helm-controller", failed.path("reportingController").asText(), failed.toString());
        } finally {
            webhook.stop(0);
        }
    }

    private static JsonNode event(List<JsonNode> received, String name, String severity) {
        return received.stream().filter(e -> e.path("involvedObject").path("name").asText().equals(name)
                && e.path("severity").asText().equals(severity)).findFirst().orElse(null);
    }
}
