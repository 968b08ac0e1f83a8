package io.orca.render;

import io.orca.app.GenerateService;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.ReleasePlan;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.orca.render.Manifests.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Manifests' own block writer gives exactly SnakeYAML's bytes: on tricky strings in every position (where it
 * gives up, SnakeYAML writes them), and on every document the Besu networks of the tests produce, which it writes
 * without giving up.
 */
class BlockWriterTest {
    private static final List<String> STRINGS = List.of("", " ", "plain", "a\nb", "a\nb\n", "\n", "trailing ", " leading",
            "a\u0085b", "a\u2028b", "a\rb", "a\r\nb", "tab\there", "bell\u0007", "yes", "no", "on", "off", "y", "n", "null", "Null",
            "~", "true", "False", "1", "-1", "0x1F", "0o17", "1e3", "1.5", "1_000", "1:20", ".inf", ".NaN", "-", "- x", "-x", "key: value",
            "key:value", "key:", "a:b:c", "#comment", "a #b", "a# b", "'q'", "\"d\"", "{a}", "a{b}", "[a]", "a,b", "*alias", "&anchor",
            "!tag", "%dir", "@at", "a@b", "`tick", "|", ">", "?", "?x", "a?b", "é ü 中文", "\uFEFFbom", "enode://abc@host:30303?discport=0",
            "0123", "08", "2026-11-21", "2026-11-21T10:00:00Z", "=", "a=b", "<<", "line\n  indented\n", "a\n\nb", "a\nb\n\n", "a \nb",
            "x".repeat(200), "a\n".repeat(30), "---", "--- x", "...", "a b", "a  b", "a  ", "./charts/besu-node", "/abs/path", "_x",
            "+1", "~x", "x~", "22.10.2", "21.7.3", "10m", "1m", "O=Beta,OU=Member,L=51.50/-0.13/London,C=GB", "{\n  \"a\": 1\n}",
            "{\n  \"a\": 1\n}\n", " x\ny", "x\n y", "x\ty\n", "http://a-b.c:9000", "kubernetes.io/arch", "NoSchedule");

    private static void same(Map<String, Object> doc) {
        assertEquals(Manifests.snakeYaml(doc), Manifests.yaml(doc), () -> "document " + doc);
    }

    @Test
    void stringsInEveryPosition() {
        for (String s : STRINGS) {
            same(map("v", s));
            same(map("a", map("b", map("c", s))));
            same(map("l", Manifests.list(s, "x")));
            same(map("a", map("l", Manifests.list(map("k", s, "k2", s), map("k", Manifests.list(s))))));
            Map<String, Object> key = new LinkedHashMap<>();
            key.put(s, "value");
            same(key);
            same(map("a", key));
        }
    }

    /** Short random strings over the characters that decide a style, in every position (seeded: reproducible). */
    @Test
    void randomStrings() {
        String alphabet = "aZyn0189._-/:@?=+~ #,'\"\n\t!&*|>%[]{}e";
        java.util.Random random = new java.util.Random(4);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(7) + 1; k > 0; k--) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String s = b.toString();
            same(map("v", s));
            same(map("l", Manifests.list(map("k", s))));
            Map<String, Object> key = new LinkedHashMap<>();
            key.put(s, s);
            same(map("a", key));
        }
    }

    @Test
    void shapes() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("emptyMap", new LinkedHashMap<>());
        doc.put("emptyList", new ArrayList<>());
        doc.put("int", 30303);
        doc.put("long", 2026L);
        doc.put("negative", -5);
        doc.put("bool", true);
        doc.put("sorted", new TreeMap<>(Map.of("b", "2", "a", "1")));
        doc.put("items", Manifests.list(new LinkedHashMap<>(), map("a", new ArrayList<>(), "b", new LinkedHashMap<>()),
                map("n", map("m", Manifests.list(1, 2, false))), 7, "s"));
        doc.put("nestedList", Manifests.list(Manifests.list("a", "b"), Manifests.list()));
        doc.put("nullValue", null);
        doc.put("double", 1.5);
        doc.put("longKey", map("k".repeat(127), 1, "k".repeat(128), 2));
        List<Object> shared = Manifests.list("same", "list");
        doc.put("shared1", shared);
        doc.put("shared2", shared);
        same(doc);
        for (String k : doc.keySet().toArray(new String[0])) same(map("only", doc.get(k)));
    }

    @Test
    void everyGeneratedDocumentIsWrittenWithoutSnakeYaml() throws Exception {
        int documents = 0;
        for (Path network : Generated.networks()) {
            GenerateService.Outcome o = Generated.generate(network, network.getFileName().toString());
            for (OrganizationPlan op : o.plan().organizations()) {
                for (ReleasePlan r : op.releases()) {
                    Map<String, Object> doc = map("apiVersion", "v", "spec", map("releaseName", r.name(), "values", r.values()));
                    same(doc);
                    assertTrue(Manifests.BlockWriter.map(doc, 0, false, new StringBuilder()), network + " " + r.name());
                    documents++;
                }
            }
            for (RepositoryTree t : o.trees()) {
                for (Map.Entry<String, String> f : t.files().entrySet()) {
                    assertTrue(!f.getValue().contains("&id") && !f.getValue().contains("*id"), f.getKey());
                }
            }
        }
        assertTrue(documents > 20, "documents: " + documents);
    }
}
