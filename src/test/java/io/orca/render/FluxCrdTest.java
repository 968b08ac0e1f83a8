package io.orca.render;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orca.app.GenerateService;
import io.orca.testing.Project;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Flux object Orca generates validates against the Flux 2.9 CRDs in src/test/resources/reference/flux-crds, strictly:
 * the CRDs' schemas are closed (additionalProperties: false wherever the API server would prune), so an unknown
 * or misplaced field fails here instead of being silently dropped in a cluster.
 */
class FluxCrdTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Schema> SCHEMAS = new HashMap<>();

    @BeforeAll
    static void loadCrds() throws IOException {
        Path dir = Project.fluxCrds();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Map<String, Object> crd = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(f));
                JsonNode n = JSON.valueToTree(crd);
                String group = n.at("/spec/group").asText();
                String kind = n.at("/spec/names/kind").asText();
                for (JsonNode v : n.at("/spec/versions")) {
                    if (!v.path("served").asBoolean()) continue;
                    JsonNode schema = v.at("/schema/openAPIV3Schema").deepCopy();
                    close(schema);
                    SCHEMAS.put(group + "/" + v.path("name").asText() + "/" + kind,
                            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schema));
                }
            }
        }
        assertTrue(SCHEMAS.containsKey("helm.toolkit.fluxcd.io/v2/HelmRelease"));
    }

    /** Adds additionalProperties: false to every object schema with properties that does not keep unknown fields. */
    static void close(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            if (o.has("properties") && !o.has("additionalProperties") && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
                o.put("additionalProperties", false);
            }
            for (Iterator<JsonNode> it = o.elements(); it.hasNext(); ) close(it.next());
        } else if (node.isArray()) {
            node.forEach(FluxCrdTest::close);
        }
    }

    static List<String> violations(Map<String, Object> object) {
        String apiVersion = String.valueOf(object.get("apiVersion"));
        String key = apiVersion + "/" + object.get("kind");
        Schema schema = SCHEMAS.get(key);
        if (schema == null) return null;
        List<String> out = new ArrayList<>();
        for (Error m : schema.validate(JSON.valueToTree(object))) out.add(m.getMessage());
        return out;
    }

    @Test
    void closedSchemasRejectAnUnknownField() {
        Map<String, Object> bad = new HashMap<>(Map.of("apiVersion", "helm.toolkit.fluxcd.io/v2", "kind", "HelmRelease",
                "metadata", Map.of("name", "x", "namespace", "y"),
                "spec", Map.of("interval", "1m", "chart", Map.of("spec", Map.of("chart", "c",
                        "sourceRef", Map.of("kind", "GitRepository", "name", "s"))), "remediation", Map.of("retries", 3))));
        assertFalse(violations(bad).isEmpty(), "a misplaced 'remediation' must be rejected");
    }

    @TestFactory
    Stream<DynamicTest> everyGeneratedFluxObjectMatchesItsCrd() throws IOException {
        return Generated.networks().stream().map(n -> DynamicTest.dynamicTest(n.getFileName().toString(),
                () -> check(Generated.generate(n, n.getFileName().toString()))));
    }

    /** The same for Fabric: the examples and every Bevel Fabric sample (at Fabric 2.5). */
    @TestFactory
    Stream<DynamicTest> everyGeneratedFabricFluxObjectMatchesItsCrd() throws IOException {
        return Generated.fabricNetworks().stream().map(n -> DynamicTest.dynamicTest(n.name(), () -> check(n.generate())));
    }

    private static void check(GenerateService.Outcome o) {
        {
            Set<String> kinds = new TreeSet<>();
            List<String> problems = new ArrayList<>();
            for (var tree : o.trees()) {
                for (var f : tree.files().entrySet()) {
                    for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(f.getValue())) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> obj = (Map<String, Object>) doc;
                        String kind = String.valueOf(obj.get("kind"));
                        String api = String.valueOf(obj.get("apiVersion"));
                        if (!api.contains("fluxcd.io")) continue;
                        kinds.add(kind);
                        List<String> v = violations(obj);
                        if (v == null) {
                            if (!api.startsWith("notification.toolkit")) problems.add(f.getKey() + ": no CRD for " + api + " " + kind);
                            continue;
                        }
                        v.forEach(m -> problems.add(f.getKey() + ": " + m));
                    }
                }
            }
            assertEquals(List.of(), problems);
            assertTrue(kinds.contains("HelmRelease"), "generated HelmReleases");
        }
    }
}
