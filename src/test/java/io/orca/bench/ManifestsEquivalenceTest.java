package io.orca.bench;

import io.orca.render.Manifests;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.representer.Representer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Manifests' faster string representer (the performance fix of issue 4) gives the same bytes as SnakeYAML's own
 * Representer with the same options, on strings that exercise every style decision.
 */
class ManifestsEquivalenceTest {
    private static Yaml snakeYaml() {
        DumperOptions o = Manifests.dumperOptions();
        return new Yaml(new Representer(o), o);
    }

    @Test
    void sameBytesAsSnakeYamlsRepresenter() {
        List<String> strings = List.of("", " ", "plain", "a\nb", "a\nb\n", "\n", "trailing ", " leading", "a\u0085b",
                "a\u2028b", "a\u2029b", "a\rb", "a\r\nb", "tab\there", "bell\u0007", "nul\u0000", "yes", "no", "on", "null",
                "~", "true", "1", "0x1F", "1e3", "1.5", ".inf", "-", "- x", "key: value", "#comment", "a #b", "'q'", "\"d\"",
                "{a}", "[a]", "*alias", "&anchor", "!tag", "%dir", "@at", "`tick", "|", ">", "?", "é ü 中文", "emoji \uD83D\uDE00",
                "\uFEFFbom", "enode://abc@host:30303?discport=0", "0123", "2026-11-21", "=", "<<", "line\n  indented\n",
                "x".repeat(5000), "a\n".repeat(300));
        Map<String, Object> doc = new LinkedHashMap<>();
        List<Object> list = new ArrayList<>(strings);
        for (int i = 0; i < strings.size(); i++) doc.put("k" + i, strings.get(i));
        doc.put("list", list);
        doc.put("nested", Map.of("inner", List.of(Map.of("s", "a\nb"))));
        doc.put(strings.get(3), "multi-line key");
        assertEquals(snakeYaml().dump(doc), Manifests.yaml(doc));
        for (String s : strings) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("v", s);
            assertEquals(snakeYaml().dump(one), Manifests.yaml(one), () -> "string " + s.chars().limit(20).boxed().toList());
        }
    }
}
