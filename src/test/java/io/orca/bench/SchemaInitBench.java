package io.orca.bench;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orca.load.YamlLoader;
import io.orca.schema.NetworkSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;

/**
 * Where a cold validation spends its time, in a fresh JVM (bench/profile.sh runs it with the launcher's flags):
 * reading the schema JSON, building the networknt validator (with and without preloading every subschema), loading
 * the YAML, the first schema validation. Run once per JVM: {@code ... SchemaInitBench FILE preload|lazy}.
 */
public final class SchemaInitBench {
    private SchemaInitBench() {
    }

    public static void main(String[] args) throws Exception {
        byte[] yaml = Files.readAllBytes(Path.of(args[0]));
        boolean preload = !(args.length > 1 && args[1].equals("lazy"));
        long t0 = System.nanoTime();
        JsonNode schemaJson = new ObjectMapper().readTree(NetworkSchema.text());
        long t1 = System.nanoTime();
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER)
                .locale(Locale.ROOT).formatAssertionsEnabled(true).preloadSchema(preload).build();
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemaRegistryConfig(config))
                .getSchema(schemaJson);
        long t2 = System.nanoTime();
        var load = YamlLoader.load("f.yaml", yaml);
        long t3 = System.nanoTime();
        JsonNode doc = NetworkSchema.toJson(load.document().orElseThrow(), new HashMap<>());
        int messages = schema.validate(doc).size();
        long t4 = System.nanoTime();
        int again = schema.validate(doc).size();
        long t5 = System.nanoTime();
        System.out.printf(Locale.ROOT, "preload=%s read_schema_json_ms=%.1f build_validator_ms=%.1f load_yaml_ms=%.1f"
                        + " first_validate_ms=%.1f second_validate_ms=%.1f messages=%d/%d%n", preload, (t1 - t0) / 1e6,
                (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, (t5 - t4) / 1e6, messages, again);
    }
}
