package io.orca.render;

import io.orca.app.GenerateService;
import io.orca.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The Provider and Alert Orca renders for {@code network.flux.notifications}; the cluster proof is FluxNotificationsClusterTest. */
class NotificationsRenderTest {

    /**
     * Regression: the Alert listed HelmReleases with {@code namespace: "*"}, which notification-controller compares
     * literally, so no HelmRelease event ever reached the provider. Each organization namespace is listed instead.
     */
    @Test
    @SuppressWarnings("unchecked")
    void regressionAnAlertWithAWildcardNamespaceNeverMatchedAHelmReleaseEvent(@TempDir Path tmp) throws Exception {
        String yaml = Files.readString(Project.dir().resolve("examples/besu-two-orgs.yaml")).replace("  docker:\n", """
                  flux:
                    notifications:
                      provider:
                        type: generic
                        address: https://hooks.example.test/orca
                      event_severity: error
                  docker:
                """);
        Path file = tmp.resolve("network.yaml");
        Files.writeString(file, yaml);
        GenerateService.Outcome o = Generated.generate(file, "network.yaml");
        List<Object> sources = new ArrayList<>();
        for (RepositoryTree tree : o.trees()) {
            String notifications = tree.files().entrySet().stream().filter(e -> e.getKey().endsWith("/notifications.yaml"))
                    .map(Map.Entry::getValue).findFirst().orElseThrow();
            for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(notifications)) {
                Map<String, Object> m = (Map<String, Object>) doc;
                if (m != null && m.get("kind").equals("Alert")) {
                    sources.addAll((List<Object>) ((Map<String, Object>) m.get("spec")).get("eventSources"));
                }
            }
        }
        assertFalse(sources.stream().anyMatch(s -> "*".equals(((Map<String, Object>) s).get("namespace"))), sources.toString());
        // Each repository's Alert names its own organization's namespace (alpha and beta publish to separate repositories).
        assertEquals(List.of(
                Map.of("kind", "HelmRelease", "name", "*", "namespace", "alpha-bes"),
                Map.of("kind", "Kustomization", "name", "flux-dev"),
                Map.of("kind", "GitRepository", "name", "flux-dev"),
                Map.of("kind", "HelmRelease", "name", "*", "namespace", "beta-bes"),
                Map.of("kind", "Kustomization", "name", "flux-dev"),
                Map.of("kind", "GitRepository", "name", "flux-dev")), sources);
    }
}
