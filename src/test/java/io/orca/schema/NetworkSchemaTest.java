package io.orca.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Validates {@code schemas/network.schema.json}: every Bevel sample must pass, every negative fixture under
 * {@code src/test/resources/schema/invalid/} must fail with the keyword and location named in its leading comment
 * line(s) ({@code # expect: <keyword> at <json pointer>}), every positive fixture under {@code schema/valid/} must
 * pass.
 */
class NetworkSchemaTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern EXPECT = Pattern.compile("^#\\s*expect:\\s*(\\S+)\\s+at\\s+(\\S*)\\s*$");

    private static Schema schema;
    private static JsonNode schemaNode;

    static Path projectDir() {
        String dir = System.getProperty("orca.projectDir");
        return Path.of(dir != null && !dir.isBlank() ? dir : System.getProperty("user.dir")).toAbsolutePath().normalize();
    }

    /** Bevel's samples, copied into the project (src/test/resources/reference/bevel). */
    static Path samplesDir() {
        return io.orca.testing.Project.bevelSamples();
    }

    static Path fixturesDir(String kind) {
        return projectDir().resolve("src/test/resources/schema").resolve(kind);
    }

    @BeforeAll
    static void loadSchema() throws IOException {
        schemaNode = MAPPER.readTree(projectDir().resolve("schemas/network.schema.json").toFile());
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .locale(Locale.ROOT)
                .build();
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemaRegistryConfig(config))
                .getSchema(schemaNode);
        schema.initializeValidators();
    }

    /** YAML text to the Jackson tree the schema sees (SnakeYAML's YAML 1.1 scalar resolution). */
    static JsonNode yamlToJson(String yaml) {
        Object data = new Yaml().load(yaml);
        return MAPPER.valueToTree(data);
    }

    static List<Error> validate(Path file) throws IOException {
        return schema.validate(yamlToJson(Files.readString(file, StandardCharsets.UTF_8)));
    }

    static String describe(List<Error> errors) {
        return errors.stream()
                .map(m -> "  " + m.getKeyword() + " at " + m.getInstanceLocation() + " (" + m.getEvaluationPath() + "): " + m.getMessage())
                .sorted()
                .collect(Collectors.joining("\n"));
    }

    static Stream<Path> list(Path dir) throws IOException {
        assertTrue(Files.isDirectory(dir), "missing directory " + dir);
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().collect(Collectors.toList());
            assertFalse(files.isEmpty(), "no YAML files in " + dir);
            return files.stream();
        }
    }

    static Stream<Path> samples() throws IOException {
        return list(samplesDir());
    }

    static Stream<Path> validFixtures() throws IOException {
        return list(fixturesDir("valid"));
    }

    static Stream<Path> invalidFixtures() throws IOException {
        return list(fixturesDir("invalid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void bevelSampleIsValid(Path sample) throws IOException {
        List<Error> errors = validate(sample);
        assertTrue(errors.isEmpty(), sample.getFileName() + " has schema errors:\n" + describe(errors));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFixtures")
    void validFixtureIsValid(Path fixture) throws IOException {
        List<Error> errors = validate(fixture);
        assertTrue(errors.isEmpty(), fixture.getFileName() + " has schema errors:\n" + describe(errors));
    }

    /** The project's example networks (examples/*.yaml, when present) are schema-valid. */
    @TestFactory
    Stream<DynamicTest> examplesAreValid() throws IOException {
        Path dir = projectDir().resolve("examples");
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            List<Error> errors = validate(f);
            assertTrue(errors.isEmpty(), f.getFileName() + " has schema errors:\n" + describe(errors));
        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFixtures")
    void invalidFixtureFailsWhereExpected(Path fixture) throws IOException {
        List<String[]> expectations = new ArrayList<>();
        for (String line : Files.readAllLines(fixture, StandardCharsets.UTF_8)) {
            Matcher m = EXPECT.matcher(line.trim());
            if (m.matches()) {
                expectations.add(new String[] {m.group(1), m.group(2)});
            } else if (!line.trim().startsWith("#")) {
                break;
            }
        }
        assertFalse(expectations.isEmpty(), fixture.getFileName() + ": first line must be '# expect: <keyword> at <json pointer>'");
        List<Error> errors = validate(fixture);
        for (String[] e : expectations) {
            boolean found = errors.stream().anyMatch(m -> e[0].equals(m.getKeyword()) && e[1].equals(pointerOf(m)));
            assertTrue(found, fixture.getFileName() + ": expected '" + e[0] + "' error at '" + e[1] + "', got:\n" + describe(errors));
        }
    }

    /**
     * The location an error is about: the instance location, extended by the offending property name for
     * keywords that report on the parent object (unknown key, missing key).
     */
    static String pointerOf(Error m) {
        String location = m.getInstanceLocation().toString();
        String property = m.getProperty();
        switch (m.getKeyword()) {
            case "additionalProperties", "unevaluatedProperties", "required", "dependentRequired" -> {
                if (property != null && !location.endsWith("/" + escape(property))) {
                    return location + "/" + escape(property);
                }
                return location;
            }
            default -> {
                return location;
            }
        }
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    @Test
    void schemaDeclaresDialectAndId() {
        assertEquals("https://json-schema.org/draft/2020-12/schema", schemaNode.path("$schema").asText());
        assertEquals("https://orca.dev/schemas/network.schema.json", schemaNode.path("$id").asText());
    }

    @Test
    void schemaIsOnTheClasspath() throws IOException {
        try (InputStream in = NetworkSchemaTest.class.getClassLoader().getResourceAsStream("schemas/network.schema.json")) {
            assertNotNull(in, "schemas/network.schema.json is not on the classpath");
            assertEquals(schemaNode, MAPPER.readTree(in));
        }
    }

    @Test
    void schemaConformsToTheDraft202012MetaSchema() throws IOException {
        Schema meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                        b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build()))
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        List<Error> errors = meta.validate(Files.readString(projectDir().resolve("schemas/network.schema.json")), InputFormat.JSON);
        assertTrue(errors.isEmpty(), "schema is not a valid 2020-12 schema:\n" + describe(errors));
    }

    /**
     * Issue 10: every integer Orca reads is range-checked, so nothing wraps to 64 bits or below (chain_id
     * 18446744073709551621 became chain 5) and nothing turns into an internal error: every subschema that admits an
     * integer carries both a minimum and a maximum.
     */
    @Test
    void everyIntegerHasAMinimumAndAMaximum() {
        List<String> unbounded = new ArrayList<>();
        collectUnboundedIntegers(schemaNode, "", unbounded);
        assertTrue(unbounded.isEmpty(), "integers without minimum and maximum:\n  " + String.join("\n  ", unbounded));
    }

    private static void collectUnboundedIntegers(JsonNode node, String path, List<String> out) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) collectUnboundedIntegers(node.get(i), path + "/" + i, out);
            return;
        }
        if (!node.isObject()) return;
        JsonNode type = node.get("type");
        boolean integer = type != null && (type.asText().equals("integer")
                || type.isArray() && java.util.stream.StreamSupport.stream(type.spliterator(), false).anyMatch(t -> t.asText().equals("integer")));
        if (integer && (!node.has("minimum") || !node.has("maximum"))) out.add(path);
        node.fields().forEachRemaining(f -> collectUnboundedIntegers(f.getValue(), path + "/" + escape(f.getKey()), out));
    }

    /** Editors autocomplete from descriptions: every declared property must carry one. */
    @Test
    void everyPropertyHasADescription() {
        List<String> missing = new ArrayList<>();
        collectUndescribed(schemaNode, "", missing);
        assertTrue(missing.isEmpty(), "properties without description:\n  " + String.join("\n  ", missing));
    }

    private static void collectUndescribed(JsonNode node, String path, List<String> missing) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectUndescribed(node.get(i), path + "/" + i, missing);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String p = path + "/" + escape(f.getKey());
            if (f.getKey().equals("if")) {
                continue; // conditions, not declarations
            }
            if (f.getKey().equals("properties") && f.getValue().isObject()) {
                Iterator<Map.Entry<String, JsonNode>> props = f.getValue().fields();
                while (props.hasNext()) {
                    Map.Entry<String, JsonNode> prop = props.next();
                    if (!prop.getValue().isObject() || !prop.getValue().hasNonNull("description")) {
                        missing.add(p + "/" + escape(prop.getKey()));
                    }
                }
            }
            collectUndescribed(f.getValue(), p, missing);
        }
    }

    @Test
    void yamlScalarsResolveAsYaml11() {
        JsonNode n = yamlToJson("a: True\nb: yes\nc: 22.10.2\nd: 4.7\ne: ~\n");
        assertTrue(n.get("a").isBoolean());
        assertTrue(n.get("b").isBoolean());
        assertTrue(n.get("c").isTextual());
        assertTrue(n.get("d").isNumber());
        assertTrue(n.get("e").isNull());
    }

    /** The samples cover every platform the schema knows, so every per-platform branch is exercised. */
    @Test
    void samplesCoverEveryPlatform() throws IOException {
        assertTrue(Files.isDirectory(samplesDir()), "Bevel samples not found at " + samplesDir());
        Set<String> platforms = new TreeSet<>();
        schemaNode.at("/$defs/network/properties/type/enum").forEach(n -> platforms.add(n.asText()));
        assertEquals(7, platforms.size());
        Set<String> sampled = new TreeSet<>();
        for (Path sample : samples().collect(Collectors.toList())) {
            sampled.add(yamlToJson(Files.readString(sample, StandardCharsets.UTF_8)).at("/network/type").asText());
        }
        assertEquals(platforms, sampled);
    }
}
