package io.orca.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import io.orca.diag.Diagnostic;
import io.orca.diag.Position;
import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.model.SecretKeys;
import io.orca.load.YNode;
import io.orca.load.YScalar;
import io.orca.load.YSeq;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Orca's network.yaml JSON Schema ({@code schemas/network.schema.json}), applied to a loaded document; each
 * violation becomes a positioned diagnostic with a hint (for unknown keys and enum values, a "did you mean").
 */
public final class NetworkSchema {
    public static final String RESOURCE = "schemas/network.schema.json";
    private static volatile NetworkSchema instance;

    private final JsonNode schemaJson;
    private final Schema schema;
    private final Set<String> allPropertyNames;

    private NetworkSchema(JsonNode schemaJson) {
        this.schemaJson = schemaJson;
        // Validators are made on first use, not up front: the schema covers seven platforms and a file uses one, so
        // preloading them all costs a cold `orca validate` ~100 ms for nothing. networknt's lazy creation is
        // idempotent (two threads may both build a validator list; one wins), so the shared instance stays safe.
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .locale(Locale.ROOT)
                .formatAssertionsEnabled(true)
                .preloadSchema(false)
                .build();
        this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemaRegistryConfig(config))
                .getSchema(schemaJson);
        this.allPropertyNames = new TreeSet<>();
        collectPropertyNames(schemaJson, allPropertyNames);
    }

    /** The schema bundled in the jar, loaded once. */
    public static NetworkSchema get() {
        NetworkSchema s = instance;
        if (s == null) {
            synchronized (NetworkSchema.class) {
                if (instance == null) instance = new NetworkSchema(readJson(text()));
                s = instance;
            }
        }
        return s;
    }

    /** The schema's text, as {@code orca schema} prints it. */
    public static String text() {
        try (InputStream in = NetworkSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates a loaded document; positions come from the document's nodes. */
    public List<Diagnostic> validate(String file, YNode document) {
        Map<String, YNode> byPointer = new HashMap<>();
        JsonNode json = toJson(document, byPointer);
        List<Error> messages = schema.validate(json);
        Set<String> seen = new LinkedHashSet<>();
        List<Diagnostic> out = new ArrayList<>();
        for (Error m : messages) {
            Diagnostic d = translate(file, m, byPointer);
            if (d != null && seen.add(d.ruleId() + "|" + d.path() + "|" + d.message())) out.add(d);
        }
        return out;
    }

    /** The document as a Jackson tree (what the schema sees), indexing every node by its JSON pointer. */
    public static JsonNode toJson(YNode node, Map<String, YNode> byPointer) {
        byPointer.put(node.pointer(), node);
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (node instanceof YMap m) {
            ObjectNode o = f.objectNode();
            for (YMap.Entry e : m.all()) o.set(e.key(), toJson(e.value(), byPointer));
            return o;
        }
        if (node instanceof YSeq s) {
            ArrayNode a = f.arrayNode();
            for (YNode item : s.items()) a.add(toJson(item, byPointer));
            return a;
        }
        Object v = ((YScalar) node).value();
        if (v == null) return f.nullNode();
        if (v instanceof Boolean b) return f.booleanNode(b);
        if (v instanceof Long l) return f.numberNode(l);
        if (v instanceof BigInteger bi) return f.numberNode(bi);
        // JSON has no NaN or infinity: networknt's numeric keywords (enum, minimum, ...) throw on them, so .nan and
        // .inf go to the schema as their text; messages still call them numbers (YScalar.kind()).
        if (v instanceof Double d) return d.isNaN() || d.isInfinite() ? f.textNode(((YScalar) node).text()) : f.numberNode(d);
        return f.textNode(v.toString());
    }

    private Diagnostic translate(String file, Error m, Map<String, YNode> byPointer) {
        String pointer = pointer(m.getInstanceLocation());
        YNode node = byPointer.get(pointer);
        String type = m.getKeyword();
        String path = node == null ? pointer : node.path();
        Position position = node == null ? Position.START : node.position();
        String text = stripLocation(m.getMessage());
        switch (type) {
            case "additionalProperties", "unevaluatedProperties" -> {
                String key = m.getProperty();
                YNode parent = node;
                if (key == null && node != null) { // the location is the property itself
                    key = lastSegment(pointer);
                    parent = byPointer.get(pointer.substring(0, pointer.lastIndexOf('/')));
                }
                if (key == null) break;
                Position keyPos = parent instanceof YMap pm ? pm.keyPosition(key) : position;
                String keyPath = parent instanceof YMap pm && pm.get(key) != null ? pm.get(key).path() : path + "." + key;
                Set<String> allowed = allowedProperties(m);
                if (parent instanceof YMap pm) allowed.removeAll(pm.entries().keySet());
                String suggestion = Suggest.closest(key, allowed.isEmpty() ? allPropertyNames : allowed);
                String hint = suggestion != null ? "did you mean '" + suggestion + "'?"
                        : allowed.isEmpty() ? "remove it; see docs/network-yaml.md for the keys allowed here"
                        : "keys allowed here: " + String.join(", ", new TreeSet<>(allowed));
                return Rule.UNKNOWN_KEY.at(file, keyPos, keyPath, "unknown key '" + key + "'", hint);
            }
            case "required" -> {
                String key = m.getProperty();
                String where = path.isEmpty() ? "the document" : "'" + path + "'";
                return Rule.MISSING_KEY.at(file, position, path, "missing required key '" + key + "' in " + where,
                        "add '" + key + ":' here");
            }
            case "type" -> {
                String expected = m.getArguments() != null && m.getArguments().length > 1
                        ? String.valueOf(m.getArguments()[1]) : "another type";
                String found = node == null ? "?" : node.kind();
                String hint = node instanceof YScalar s && !s.isNull() && expected.contains("string")
                        && !SecretKeys.isSecretPath(path)
                        ? "quote the value: \"" + s.text() + "\""
                        : "write " + (expected.matches("^[aeiou].*") ? "an " : "a ") + expected + " here";
                return Rule.WRONG_TYPE.at(file, position, path, "expected " + expected + ", found " + found + " at '" + path + "'", hint);
            }
            case "enum" -> {
                List<String> options = new ArrayList<>();
                JsonNode enumNode = m.getSchemaNode();
                if (enumNode != null && enumNode.isArray()) enumNode.forEach(v -> options.add(v.asText()));
                String value = SecretKeys.isSecretPath(path) ? "***"
                        : node instanceof YScalar s ? s.asText() : String.valueOf(node == null ? "" : node.kind());
                String suggestion = SecretKeys.isSecretPath(path) ? null : Suggest.closest(value, options);
                String hint = (suggestion != null ? "did you mean '" + suggestion + "'? " : "") + "allowed: " + String.join(", ", options);
                return Rule.INVALID_VALUE.at(file, position, path, "'" + value + "' is not allowed for '" + path + "'", hint);
            }
            case "false" -> {
                return Rule.UNKNOWN_KEY.at(file, position, path, "'" + path + "' is not allowed here", "remove it");
            }
            default -> {
            }
        }
        if (SecretKeys.isSecretPath(path)) text = "is not valid (" + type + ")"; // the message may quote the value
        String hint = description(m);
        return Rule.INVALID_VALUE.at(file, position, path, "'" + path + "' " + text, hint);
    }

    private String description(Error m) {
        // The description of the property whose value failed: the parent schema of the failing keyword.
        JsonNode parent = schemaAt(parentOf(m.getSchemaLocation().getFragment().toString()));
        if (parent != null && parent.has("description")) return parent.get("description").asText();
        return "see docs/network-yaml.md";
    }

    /** Property names defined by the subschema that reported an unknown key, with its composed branches. */
    private Set<String> allowedProperties(Error m) {
        Set<String> names = new TreeSet<>();
        JsonNode sub = schemaAt(parentOf(m.getSchemaLocation().getFragment().toString()));
        if (sub != null) collectDirectProperties(sub, names, 0);
        return names;
    }

    private void collectDirectProperties(JsonNode sub, Set<String> names, int depth) {
        if (sub == null || depth > 6 || !sub.isObject()) return;
        if (sub.has("properties")) sub.get("properties").fieldNames().forEachRemaining(names::add);
        if (sub.has("$ref") && sub.get("$ref").asText().startsWith("#")) {
            collectDirectProperties(schemaAt(sub.get("$ref").asText().substring(1)), names, depth + 1);
        }
        for (String k : List.of("allOf", "anyOf", "oneOf")) {
            if (sub.has(k)) sub.get(k).forEach(s -> collectDirectProperties(s, names, depth + 1));
        }
        for (String k : List.of("then", "else")) {
            if (sub.has(k)) collectDirectProperties(sub.get(k), names, depth + 1);
        }
    }

    private JsonNode schemaAt(String fragment) {
        if (fragment == null) return null;
        JsonNode n = fragment.isEmpty() || fragment.equals("/") ? schemaJson : schemaJson.at(fragment);
        return n.isMissingNode() ? null : n;
    }

    private static String parentOf(String fragment) {
        if (fragment == null) return null;
        int i = fragment.lastIndexOf('/');
        return i <= 0 ? "" : fragment.substring(0, i);
    }

    private static void collectPropertyNames(JsonNode n, Set<String> out) {
        if (n.isObject()) {
            if (n.has("properties") && n.get("properties").isObject()) n.get("properties").fieldNames().forEachRemaining(out::add);
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) collectPropertyNames(it.next(), out);
        } else if (n.isArray()) {
            n.forEach(c -> collectPropertyNames(c, out));
        }
    }

    static String pointer(NodePath path) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object e = path.getElement(i);
            b.append('/').append(String.valueOf(e).replace("~", "~0").replace("/", "~1"));
        }
        return b.toString();
    }

    private static String lastSegment(String pointer) {
        String s = pointer.substring(pointer.lastIndexOf('/') + 1);
        return s.replace("~1", "/").replace("~0", "~");
    }

    private static String stripLocation(String message) {
        // networknt prefixes messages with the instance location ("/network/x: must be ..."); we print our own.
        int colon = message.indexOf(": ");
        return colon >= 0 && (message.startsWith("/") || message.startsWith("$") || colon == 0)
                ? message.substring(colon + 2) : message;
    }
}
