package io.orca.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orca.app.GenerateService;
import io.orca.app.TemplateService;
import io.orca.plan.DeploymentPlan;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.PullSecrets;
import io.orca.plan.ReleasePlan;
import io.orca.render.Generated;
import io.orca.testing.Project;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, item 8: with {@code network.docker.username/password} the HelmReleases named their pull secret as
 * {@code [{name: alpha-regcred}]} while besu-node's values.schema.json wants names, and {@code orca template} failed
 * with Helm's message cut to its first line. The contract — {@code imagePullSecrets} is a list of Secret names — is
 * checked for every chart that runs a container, and every platform renders with credentials through Helm.
 */
class RegistryCredentialsTest {
    private static final Path REGISTRY = Project.dir().resolve("src/test/resources/networks/registry");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> registryCredentialsBreakTheCharts() throws IOException {
        List<Path> networks;
        try (Stream<Path> s = Files.list(REGISTRY)) {
            networks = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertEquals(3, networks.size(), "one network with registry credentials per deployable platform");
        return networks.stream().map(n -> DynamicTest.dynamicTest(n.getFileName().toString(), () -> check(n)));
    }

    private static void check(Path network) throws Exception {
        GenerateService.Outcome o = Generated.generate(network, network.getFileName().toString());
        int pods = 0;
        for (OrganizationPlan op : o.plan().organizations()) {
            String name = PullSecrets.secretName(op.organization().name());
            assertTrue(op.secrets().stream().anyMatch(s -> s.name().equals(name) && s.type().equals("kubernetes.io/dockerconfigjson")),
                    op.organization().name() + ": " + op.secrets());
            for (ReleasePlan r : op.releases()) {
                if (!runsContainers(r.chart())) continue;
                assertEquals(List.of(name), r.values().get("imagePullSecrets"), r.name() + " (" + r.chart() + ")");
            }
        }
        TemplateService.Result result = TemplateService.render(o.plan());
        assertEquals(Map.of(), result.failures(), network.getFileName().toString());
        for (Map.Entry<String, String> m : result.manifests().entrySet()) {
            String org = m.getKey().substring(0, m.getKey().indexOf('/'));
            for (String doc : m.getValue().split("\n---")) {
                if (!doc.contains("containers:")) continue;
                pods++;
                assertTrue(doc.contains("imagePullSecrets:\n") && doc.contains("- name: " + PullSecrets.secretName(org) + "\n"),
                        m.getKey() + ":\n" + doc);
            }
        }
        assertTrue(pods > 0, "pods rendered");
    }

    /** A chart whose templates run a container ({@code image:}). */
    private static boolean runsContainers(String chart) throws IOException {
        Path templates = Project.dir().resolve("charts").resolve(Path.of(chart).getFileName().toString()).resolve("templates");
        try (Stream<Path> s = Files.list(templates)) {
            for (Path t : s.toList()) if (Files.readString(t).contains("image:")) return true;
        }
        return false;
    }

    /** Every chart that runs a container takes imagePullSecrets as a list of names (strings), and renders them. */
    @Test
    void everyChartTakesPullSecretsAsNames() throws IOException {
        List<String> checked = new ArrayList<>();
        try (Stream<Path> s = Files.list(Project.dir().resolve("charts"))) {
            for (Path chart : s.sorted().toList()) {
                if (!runsContainers(chart.getFileName().toString())) continue;
                JsonNode schema = JSON.readTree(chart.resolve("values.schema.json").toFile());
                JsonNode items = schema.path("properties").path("imagePullSecrets").path("items");
                assertEquals("array", schema.path("properties").path("imagePullSecrets").path("type").asText(), chart.toString());
                JsonNode item = items.has("$ref") ? schema.at(items.get("$ref").asText().substring(1)) : items;
                assertEquals("string", item.path("type").asText(), chart + ": imagePullSecrets items must be Secret names");
                checked.add(chart.getFileName().toString());
            }
        }
        assertTrue(checked.containsAll(List.of("besu-node", "tessera", "quorum-node", "fabric-orderer", "fabric-peer",
                "fabric-channel", "fabric-chaincode")), checked.toString());
    }

    /** Helm's schema errors, one violation per line, reach the user whole (the first line alone named none). */
    @Test
    void templateShowsHelmSchemaErrorsInFull() throws Exception {
        GenerateService.Outcome o = Generated.generate(REGISTRY.resolve("besu-registry.yaml"), "besu-registry.yaml");
        DeploymentPlan plan = o.plan();
        List<OrganizationPlan> orgs = new ArrayList<>();
        for (OrganizationPlan op : plan.organizations()) {
            List<ReleasePlan> releases = new ArrayList<>();
            for (ReleasePlan r : op.releases()) {
                Map<String, Object> values = new LinkedHashMap<>(r.values());
                if (values.containsKey("imagePullSecrets")) {
                    values.put("imagePullSecrets", List.of(Map.of("name", PullSecrets.secretName(op.organization().name()))));
                }
                releases.add(new ReleasePlan(r.name(), r.component(), r.chart(), r.chartVersion(), values, r.dependsOn()));
            }
            orgs.add(new OrganizationPlan(op.organization(), op.namespace(), releases, op.secrets()));
        }
        TemplateService.Result result = TemplateService.render(plan.withOrganizations(orgs));
        String message = result.failures().get("alpha-validator-1");
        assertTrue(message != null, result.failures().toString());
        assertTrue(message.lines().count() > 1, message);
        assertTrue(message.contains("imagePullSecrets"), "the violation itself is shown:\n" + message);
        assertFalse(message.contains("\tat "), message);
    }
}
