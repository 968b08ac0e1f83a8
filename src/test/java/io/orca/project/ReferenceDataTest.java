package io.orca.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.orca.testing.Project;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The third-party reference data in src/test/resources/reference is the verbatim copy its README describes:
 * exactly the files listed in SHA256SUMS, with exactly those bytes, and the sets the tests rely on are complete.
 */
class ReferenceDataTest {
    /** Files of the folder itself (not copied from upstream): not listed in SHA256SUMS. */
    private static final Set<String> OWN = Set.of("README.md", "SHA256SUMS", "LICENSE-Apache-2.0");

    @Test
    void everyFileMatchesItsRecordedHashAndNoneIsMissingOrExtra() throws IOException, NoSuchAlgorithmException {
        Path root = Project.reference();
        Map<String, String> expected = new TreeMap<>();
        for (String line : Files.readAllLines(root.resolve("SHA256SUMS"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            int sep = line.indexOf("  ");
            assertTrue(sep == 64, "malformed SHA256SUMS line: " + line);
            expected.put(line.substring(sep + 2), line.substring(0, sep));
        }
        Map<String, String> actual = new TreeMap<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (OWN.contains(rel)) continue;
                actual.put(rel, HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
            }
        }
        List<String> problems = new ArrayList<>();
        for (var e : expected.entrySet()) {
            String got = actual.get(e.getKey());
            if (got == null) problems.add("missing: " + e.getKey());
            else if (!got.equals(e.getValue())) problems.add("changed: " + e.getKey() + " (sha256 " + got + ")");
        }
        for (String f : actual.keySet()) if (!expected.containsKey(f)) problems.add("not in SHA256SUMS: " + f);
        assertEquals(List.of(), problems, "src/test/resources/reference differs from SHA256SUMS; if the change is "
                + "intended, record it in its README.md and regenerate the hashes as described there");
    }

    @Test
    void theSetsTheTestsRelyOnAreComplete() throws IOException {
        assertEquals(16, list(Project.bevelSamples(), ".yaml").size(), "Bevel's 16 samples");
        Set<String> kinds = new TreeSet<>();
        for (Path crd : list(Project.fluxCrds(), ".yaml")) {
            Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(crd));
            kinds.add(String.valueOf(((Map<?, ?>) ((Map<?, ?>) doc.get("spec")).get("names")).get("kind")));
        }
        assertEquals(Set.of("GitRepository", "HelmRepository", "OCIRepository", "HelmChart", "Bucket",
                "ExternalArtifact", "Kustomization", "HelmRelease"), kinds);
        for (String block : List.of("two-peer-orgs-raft/allchannel.block", "one-org-solo-raft/mychannel.block",
                "anchor-and-policies/allchannel.block")) {
            assertTrue(Files.isRegularFile(Project.fabric().resolve(block)), block);
            assertTrue(Files.isRegularFile(Project.fabric().resolve(block + ".json")), block + ".json");
        }
        for (String licence : List.of("README.md", "LICENSE-Apache-2.0")) {
            assertTrue(Files.isRegularFile(Project.reference().resolve(licence)), licence);
        }
    }

    /** Bevel's own schema (draft-07) accepts each of its samples, as the reference set's README says. */
    @TestFactory
    Stream<DynamicTest> bevelsOwnSchemaAcceptsEverySample() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode schemaNode = json.readTree(Project.reference().resolve("bevel/network-schema.json").toFile());
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schemaNode);
        return list(Project.bevelSamples(), ".yaml").stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            Object data = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(p));
            List<String> errors = schema.validate(json.valueToTree(data)).stream().map(Error::getMessage).toList();
            assertEquals(List.of(), errors);
        }));
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
