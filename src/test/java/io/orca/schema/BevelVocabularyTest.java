package io.orca.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orca.diag.Diagnostic;
import io.orca.diag.Rule;
import io.orca.testing.Project;
import io.orca.validate.ValidationService;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Orca's schema accepts Bevel's whole network.yaml vocabulary where Bevel puts it (issue 16):
 * <ul>
 * <li>every key of every table in Bevel's network.yaml and operations guides (src/test/resources/reference/bevel/guides),
 *     placed where src/test/resources/vocabulary/bevel-guides.yaml says the guide puts it, in a real Bevel sample of the
 *     platform;</li>
 * <li>every YAML snippet of those guides, at its place;</li>
 * <li>every property Bevel's own schema defines, per platform.</li>
 * </ul>
 * "Accepts" means no ORCA-E010 (unknown key): whether Orca uses a key is ORCA-I001's business.
 */
class BevelVocabularyTest {
    static final Path GUIDES = Project.dir().resolve("src/test/resources/reference/bevel/guides");
    static final Path LOCATIONS = Project.dir().resolve("src/test/resources/vocabulary/bevel-guides.yaml");

    /** The Bevel sample each platform's keys are tried in. */
    static final Map<String, String> BASE = Map.of(
            "besu", "hyperledger-besu__network-besu.yaml",
            "quorum", "quorum__network-quorum.yaml",
            "fabric", "hyperledger-fabric__network-fabricv2.yaml",
            "indy", "hyperledger-indy__network-indyv3.yaml",
            "corda", "r3-corda__network-cordav2.yaml",
            "corda-enterprise", "r3-corda-ent__network-cordaent.yaml",
            "substrate", "substrate__network-substrate.yaml");

    private static Yaml yaml() {
        DumperOptions d = new DumperOptions();
        d.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(d), d);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> sample(String platform) {
        try {
            return (Map<String, Object>) yaml().load(Files.readString(Project.bevelSamples().resolve(BASE.get(platform))));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicNode> everyKeyOfBevelsGuidesIsAcceptedWhereTheGuidePutsIt() throws IOException {
        Map<String, Object> locations = yaml().load(Files.readString(LOCATIONS));
        List<String> guides;
        try (Stream<Path> s = Files.walk(GUIDES)) {
            guides = s.filter(p -> p.toString().endsWith(".md") && !p.getFileName().toString().equals("README.md")).map(p -> GUIDES.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
        assertEquals(new TreeSet<>(guides), new TreeSet<>(locations.keySet()), "every copied guide has its entry in " + LOCATIONS);
        List<DynamicNode> out = new ArrayList<>();
        for (String g : guides) {
            Map<String, Object> spec = (Map<String, Object>) locations.get(g);
            BevelGuide guide = BevelGuide.parse(Files.readString(GUIDES.resolve(g), StandardCharsets.UTF_8));
            List<Map<String, Object>> tables = (List<Map<String, Object>>) spec.get("tables");
            List<Map<String, Object>> snippets = (List<Map<String, Object>>) spec.get("snippets");
            List<BevelGuide.Snippet> placed = guide.snippets().stream().filter(s -> !s.rootedAtNetwork()).toList();
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest("the locations list every table and snippet", () -> {
                assertEquals(guide.tables().size(), tables.size(), g + ": tables at lines "
                        + guide.tables().stream().map(BevelGuide.Table::line).toList());
                assertEquals(placed.size(), snippets.size(), g + ": snippets at lines "
                        + placed.stream().map(BevelGuide.Snippet::line).toList());
            }));
            String platform = (String) spec.get("platform");
            for (int i = 0; i < Math.min(tables.size(), guide.tables().size()); i++) {
                BevelGuide.Table table = guide.tables().get(i);
                Map<String, Object> where = tables.get(i);
                if (where.containsKey("skip")) continue;
                String p = (String) where.getOrDefault("platform", platform);
                tests.add(DynamicTest.dynamicTest("table at line " + table.line() + " (" + where.get("at") + ", " + p + ")",
                        () -> checkTable(p, (String) where.get("at"), table,
                                (Map<String, String>) where.getOrDefault("rename", Map.of()))));
            }
            for (int i = 0; i < Math.min(snippets.size(), placed.size()); i++) {
                BevelGuide.Snippet snippet = placed.get(i);
                Map<String, Object> where = snippets.get(i);
                String p = (String) where.getOrDefault("platform", platform);
                tests.add(DynamicTest.dynamicTest("snippet at line " + snippet.line() + " (" + where.get("at") + ")",
                        () -> checkSnippet(p, (String) where.get("at"), snippet)));
            }
            for (BevelGuide.Snippet snippet : guide.snippets()) {
                if (snippet.rootedAtNetwork()) {
                    tests.add(DynamicTest.dynamicTest("network.yaml at line " + snippet.line(),
                            () -> checkSnippet(platform, "", snippet)));
                }
            }
            out.add(DynamicContainer.dynamicContainer(g, tests));
        }
        return out.stream();
    }

    /** Every field of the table, put where the table is, in the platform's sample: none is an unknown key. */
    private static void checkTable(String platform, String at, BevelGuide.Table table, Map<String, String> rename) {
        Map<String, Object> doc = sample(platform);
        Map<String, String> concrete = new TreeMap<>();
        for (String field : table.fields()) {
            String key = rename.getOrDefault(field, field);
            for (Map.Entry<String, String> r : rename.entrySet()) {
                if (r.getKey().endsWith(".") && field.startsWith(r.getKey())) key = r.getValue() + field.substring(r.getKey().length());
            }
            String path = at + "." + key;
            DocPaths.put(doc, path, "x");
            concrete.put(DocPaths.concrete(path), field);
        }
        List<String> unknown = new ArrayList<>();
        for (Diagnostic d : unknownKeys(doc)) {
            for (Map.Entry<String, String> c : concrete.entrySet()) {
                if (d.path().equals(c.getKey()) || d.path().startsWith(c.getKey() + ".") || d.path().startsWith(c.getKey() + "[")) {
                    unknown.add(c.getValue() + " (" + d.path() + ": " + d.message() + ")");
                }
            }
        }
        assertEquals(List.of(), unknown, "keys of the table at line " + table.line() + " that Orca's schema rejects at " + at);
        assertTrue(!concrete.isEmpty());
    }

    /** The snippet merged into the platform's sample where the guide puts it: no key of it is unknown. */
    private static void checkSnippet(String platform, String at, BevelGuide.Snippet snippet) {
        Map<String, Object> doc = sample(platform);
        Object content = snippet.yaml();
        if (content instanceof List<?> l) content = l.get(0);
        if (at.isEmpty()) DocPaths.merge(doc, content);
        else DocPaths.merge(DocPaths.at(doc, at), content);
        List<String> unknown = unknownKeys(doc).stream().map(d -> d.path() + ": " + d.message()).toList();
        assertEquals(List.of(), unknown, "the snippet at line " + snippet.line() + (at.isEmpty() ? "" : " placed at " + at));
    }

    private static List<Diagnostic> unknownKeys(Map<String, Object> doc) {
        byte[] bytes = yaml().dump(doc).getBytes(StandardCharsets.UTF_8);
        return ValidationService.validate("network.yaml", bytes).diagnostics().stream()
                .filter(d -> d.ruleId().equals(Rule.UNKNOWN_KEY.id())).toList();
    }

    /** Every property of Bevel's own schema (draft-07, if/then per network.type), for each platform, is accepted. */
    @TestFactory
    Stream<DynamicTest> everyPropertyOfBevelsSchemaIsAccepted() throws IOException {
        JsonNode bevel = new ObjectMapper().readTree(Project.reference().resolve("bevel/network-schema.json").toFile());
        return BASE.keySet().stream().sorted().map(platform -> DynamicTest.dynamicTest(platform, () -> {
            TreeSet<String> paths = new TreeSet<>();
            BevelSchemaPaths.walk(bevel, bevel.at("/properties/network"), "network", platform, paths, 0);
            assertTrue(paths.size() > 40, platform + ": " + paths.size() + " paths");
            Map<String, Object> doc = sample(platform);
            for (String p : paths) DocPaths.put(doc, p, "x");
            List<String> unknown = unknownKeys(doc).stream().map(d -> d.path() + ": " + d.message()).toList();
            assertEquals(List.of(), unknown, platform + ": properties of Bevel's schema that Orca's rejects");
        }));
    }

    /** The keys Bevel's guides document for a platform, below {@code network}, as the locations file places them. */
    @SuppressWarnings("unchecked")
    static List<String> guideKeys(String platform) throws IOException {
        Map<String, Object> locations = yaml().load(Files.readString(LOCATIONS));
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Object> g : locations.entrySet()) {
            Map<String, Object> spec = (Map<String, Object>) g.getValue();
            BevelGuide guide = BevelGuide.parse(Files.readString(GUIDES.resolve(g.getKey()), StandardCharsets.UTF_8));
            List<Map<String, Object>> tables = (List<Map<String, Object>>) spec.get("tables");
            for (int i = 0; i < Math.min(tables.size(), guide.tables().size()); i++) {
                Map<String, Object> where = tables.get(i);
                if (where.containsKey("skip") || !where.getOrDefault("platform", spec.get("platform")).equals(platform)) continue;
                Map<String, String> rename = (Map<String, String>) where.getOrDefault("rename", Map.of());
                for (String field : guide.tables().get(i).fields()) {
                    String key = rename.getOrDefault(field, field);
                    for (Map.Entry<String, String> r : rename.entrySet()) {
                        if (r.getKey().endsWith(".") && field.startsWith(r.getKey())) key = r.getValue() + field.substring(r.getKey().length());
                    }
                    String path = (where.get("at") + "." + key).substring("network".length());
                    path = path.startsWith(".") ? path.substring(1) : path;
                    if (!out.contains(path)) out.add(path);
                }
            }
        }
        return out;
    }

    /** Property paths of Orca's schema for one platform, below {@code network}, `[]` for array items. */
    static TreeSet<String> orcaSchemaPaths(String platform) throws IOException {
        JsonNode orca = new ObjectMapper().readTree(Project.dir().resolve("schemas/network.schema.json").toFile());
        TreeSet<String> out = new TreeSet<>();
        OrcaSchemaPaths.walk(orca, orca.at("/$defs/network"), "", platform, out, 0);
        return out;
    }

    /** Property paths of Orca's draft 2020-12 schema: $defs references, allOf/if-then on network.type, items. */
    static final class OrcaSchemaPaths {
        private OrcaSchemaPaths() {
        }

        static void walk(JsonNode root, JsonNode node, String path, String platform, TreeSet<String> out, int depth) {
            JsonNode n = BevelSchemaPaths.resolve(root, node);
            if (n == null || !n.isObject() || depth > 16) return;
            for (String k : List.of("allOf", "anyOf", "oneOf")) {
                for (JsonNode sub : n.path(k)) {
                    JsonNode s = BevelSchemaPaths.resolve(root, sub);
                    if (s.has("if")) {
                        JsonNode c = s.at("/if/properties/type/const");
                        if (!c.isMissingNode() && !c.asText().equals(platform)) continue;
                        walk(root, s.path("then"), path, platform, out, depth + 1);
                        walk(root, s.path("else"), path, platform, out, depth + 1);
                    } else {
                        walk(root, s, path, platform, out, depth + 1);
                    }
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = n.path("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                out.add(p);
                JsonNode v = BevelSchemaPaths.resolve(root, e.getValue());
                if (v != null && v.has("items")) walk(root, v.get("items"), p + "[]", platform, out, depth + 1);
                else walk(root, v, p, platform, out, depth + 1);
            }
        }
    }

    /** Every key a platform's descriptor says Orca does not use is a key of the schema, for that platform. */
    @TestFactory
    Stream<DynamicTest> everyUnusedKeyIsAKeyOfTheSchema() {
        return io.orca.model.Platforms.ALL.stream().map(platform -> DynamicTest.dynamicTest(platform, () -> {
            TreeSet<String> schema = orcaSchemaPaths(platform);
            List<String> stale = io.orca.model.Platforms.unusedKeys(platform).keySet().stream().filter(k -> !schema.contains(k)).toList();
            assertEquals(List.of(), stale, platform + ": unused_keys that are no key of the schema");
            if (!io.orca.model.Platforms.plannable(platform)) {
                assertEquals(Map.of(), io.orca.model.Platforms.unusedKeys(platform), platform + " is not deployed: every key is unused");
            }
        }));
    }

    /**
     * docs/network-yaml.md says, for each platform Orca deploys, which keys of Bevel's guides Orca uses and which it
     * accepts and ignores, in step with the descriptor's {@code unused_keys}.
     */
    @TestFactory
    Stream<DynamicTest> theDocSaysWhichKeysOrcaUses() throws IOException {
        String doc = Files.readString(Project.dir().resolve("docs/network-yaml.md"), StandardCharsets.UTF_8);
        return io.orca.model.Platforms.ALL.stream().filter(io.orca.model.Platforms::plannable)
                .map(platform -> DynamicTest.dynamicTest(platform, () -> {
                    Map<String, String> unused = io.orca.model.Platforms.unusedKeys(platform);
                    java.util.regex.Matcher section = java.util.regex.Pattern.compile("(?s)<!-- keys: " + platform
                            + " -->\\s*\\*\\*Used:\\*\\*(.*?)\\*\\*Accepted, not used[^*]*\\*\\*(.*?)<!-- /keys -->").matcher(doc);
                    assertTrue(section.find(), "docs/network-yaml.md has a '<!-- keys: " + platform + " -->' section");
                    TreeSet<String> used = codeSpans(section.group(1));
                    TreeSet<String> notUsed = codeSpans(section.group(2));
                    List<String> problems = new ArrayList<>();
                    for (String k : guideKeys(platform)) {
                        boolean ignored = unusedOrUnder(k, unused);
                        if (ignored && !notUsed.contains(k)) problems.add(k + ": not used, missing under 'Accepted, not used'");
                        if (!ignored && !used.contains(k)) problems.add(k + ": used, missing under 'Used'");
                    }
                    for (String k : used) if (unusedOrUnder(k, unused)) problems.add(k + ": listed as used, but unused_keys has it");
                    for (String k : notUsed) if (!unusedOrUnder(k, unused)) problems.add(k + ": listed as not used, but unused_keys lacks it");
                    for (String k : unused.keySet()) if (!notUsed.contains(k)) problems.add(k + ": in unused_keys, missing in the doc");
                    assertEquals(List.of(), problems);
                }));
    }

    private static boolean unusedOrUnder(String key, Map<String, String> unused) {
        for (String u : unused.keySet()) if (key.equals(u) || key.startsWith(u + ".") || key.startsWith(u + "[")) return true;
        return false;
    }

    private static TreeSet<String> codeSpans(String text) {
        TreeSet<String> out = new TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("`([^`]+)`").matcher(text);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    /** Property paths of Bevel's draft-07 schema for one platform, `[]` for array items. */
    static final class BevelSchemaPaths {
        private BevelSchemaPaths() {
        }

        static JsonNode resolve(JsonNode root, JsonNode n) {
            while (n != null && n.has("$ref")) n = root.at(n.get("$ref").asText().substring(1));
            return n;
        }

        static void walk(JsonNode root, JsonNode node, String path, String platform, TreeSet<String> out, int depth) {
            JsonNode n = resolve(root, node);
            if (n == null || !n.isObject() || depth > 12) return;
            for (String k : List.of("allOf", "anyOf", "oneOf")) {
                for (JsonNode sub : n.path(k)) {
                    JsonNode s = resolve(root, sub);
                    if (s.has("if")) {
                        JsonNode c = s.at("/if/properties/type/const");
                        if (!c.isMissingNode() && !c.asText().equals(platform)) continue;
                        walk(root, s.path("then"), path, platform, out, depth + 1);
                    } else {
                        walk(root, s, path, platform, out, depth + 1);
                    }
                }
            }
            if (n.has("if")) walk(root, n.path("then"), path, platform, out, depth + 1);
            for (Iterator<Map.Entry<String, JsonNode>> it = n.path("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path + "." + e.getKey();
                out.add(p);
                JsonNode v = resolve(root, e.getValue());
                if (v.has("items")) walk(root, v.get("items"), p + "[]", platform, out, depth + 1);
                else walk(root, v, p, platform, out, depth + 1);
            }
        }
    }

    /** Paths into a document of plain maps: {@code network.organizations[].k8s}, {@code []} being the first item. */
    static final class DocPaths {
        private DocPaths() {
        }

        /** The path with {@code [0]} for {@code []}, as diagnostics write it. */
        static String concrete(String path) {
            return path.replace("[]", "[0]");
        }

        /** The mapping at a path, made (empty) where missing. */
        @SuppressWarnings("unchecked")
        static Map<String, Object> at(Map<String, Object> doc, String path) {
            Map<String, Object> cur = doc;
            for (String part : path.split("\\.")) {
                boolean list = part.endsWith("[]");
                String key = list ? part.substring(0, part.length() - 2) : part;
                Object next = cur.get(key);
                if (list) {
                    if (!(next instanceof List<?> l) || l.isEmpty() || !(l.get(0) instanceof Map)) {
                        next = new ArrayList<>(List.of(new LinkedHashMap<String, Object>()));
                        cur.put(key, next);
                    }
                    cur = (Map<String, Object>) ((List<Object>) next).get(0);
                } else {
                    if (!(next instanceof Map)) {
                        next = new LinkedHashMap<String, Object>();
                        cur.put(key, next);
                    }
                    cur = (Map<String, Object>) next;
                }
            }
            return cur;
        }

        /** Puts a value at a path unless the key is there; a path ending in {@code []} only makes the list's first item. */
        static void put(Map<String, Object> doc, String path, Object value) {
            int dot = path.lastIndexOf('.');
            Map<String, Object> parent = at(doc, path.substring(0, dot));
            String last = path.substring(dot + 1);
            if (last.endsWith("[]")) {
                at(doc, path);
                return;
            }
            parent.putIfAbsent(last, value); // a key the sample has keeps its real value (and the schema branch it selects)
        }

        /** Deep-merges a snippet into a mapping (a list's first item into the first item). */
        @SuppressWarnings("unchecked")
        static void merge(Map<String, Object> into, Object snippet) {
            if (!(snippet instanceof Map<?, ?> m)) return;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = String.valueOf(e.getKey());
                Object v = e.getValue();
                Object cur = into.get(k);
                if (v instanceof Map && cur instanceof Map) {
                    merge((Map<String, Object>) cur, v);
                } else if (v instanceof List<?> vl && cur instanceof List<?> cl && !vl.isEmpty() && !cl.isEmpty()
                        && vl.get(0) instanceof Map && cl.get(0) instanceof Map) {
                    merge((Map<String, Object>) cl.get(0), vl.get(0));
                } else {
                    into.put(k, v);
                }
            }
        }
    }
}
