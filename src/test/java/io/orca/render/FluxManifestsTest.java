package io.orca.render;

import io.orca.testing.Project;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Flux manifests Orca ships (src/main/resources/io/orca/flux/v2.9.4, made by scripts/vendor-flux) are exactly
 * the files SHA256SUMS lists, and their CRDs are the ones the reference set holds from the controllers' modules.
 */
class FluxManifestsTest {
    private static final Set<String> OWN = Set.of("README.md", "SHA256SUMS", "SOURCES");

    private static Path folder() {
        return Project.dir().resolve("src/main/resources").resolve(FluxInstall.RESOURCES);
    }

    @Test
    void everyVendoredFileMatchesItsRecordedHashAndNoneIsMissingOrExtra() throws IOException, NoSuchAlgorithmException {
        Map<String, String> expected = new TreeMap<>();
        for (String line : Files.readAllLines(folder().resolve("SHA256SUMS"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            assertEquals(64, line.indexOf("  "), "malformed SHA256SUMS line: " + line);
            expected.put(line.substring(66), line.substring(0, 64));
        }
        Map<String, String> actual = new TreeMap<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> s = Files.list(folder())) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (!OWN.contains(name)) actual.put(name, HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
            }
        }
        assertEquals(expected, actual, "the vendored Flux manifests differ from SHA256SUMS: regenerate them with scripts/vendor-flux");
        assertEquals(Set.copyOf(FluxInstall.FILES), expected.keySet(), "FluxInstall applies every vendored file");
        String sources = Files.readString(folder().resolve("SOURCES"));
        for (Map.Entry<String, String> c : FluxInstall.VERSIONS.entrySet()) {
            assertTrue(sources.contains("github.com/fluxcd/" + c.getKey() + "@" + c.getValue() + "/config/"), c.getKey());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theVendoredCrdsAreTheReferenceOnesPlusFluxsLabels() throws IOException {
        Map<String, Map<String, Object>> vendored = new TreeMap<>();
        for (String file : FluxInstall.FILES) {
            for (Map<String, Object> o : FluxInstall.load(file)) {
                if (!"CustomResourceDefinition".equals(o.get("kind"))) continue;
                Map<String, Object> meta = (Map<String, Object>) o.get("metadata");
                Map<String, Object> labels = (Map<String, Object>) meta.remove("labels");
                assertEquals(FluxInstall.VERSION, labels.get(FluxInstall.VERSION_LABEL));
                assertEquals("flux", labels.get(FluxInstall.PART_OF_LABEL));
                vendored.put(String.valueOf(meta.get("name")), o);
            }
        }
        List<String> compared = new ArrayList<>();
        try (Stream<Path> s = Files.list(Project.fluxCrds())) {
            for (Path p : s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                Map<String, Object> ref = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(p));
                String name = String.valueOf(((Map<?, ?>) ref.get("metadata")).get("name"));
                Map<String, Object> ours = vendored.get(name);
                assertTrue(ours != null, "not vendored: " + name);
                Map<String, Object> refMeta = new LinkedHashMap<>((Map<String, Object>) ref.get("metadata"));
                refMeta.remove("labels");
                ref.put("metadata", refMeta);
                // The reference HelmChart CRD came from source-controller's release branch after v1.9.4 (its PROVENANCE.md).
                if (name.startsWith("helmcharts.")) continue;
                assertEquals(ref, ours, name);
                compared.add(name);
            }
        }
        assertEquals(7, compared.size(), compared.toString());
        assertEquals(14, vendored.size(), "the six controllers' CRDs: " + vendored.keySet());
    }
}
