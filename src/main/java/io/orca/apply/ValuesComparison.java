package io.orca.apply;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether a release's deployed values are the planned ones. Helm keeps values as JSON-like data (numbers may come back
 * as floats, maps in any order), so both sides are compared as normalized data, not as text.
 */
final class ValuesComparison {
    private ValuesComparison() {
    }

    static boolean same(String deployedYaml, String plannedYaml) {
        return normalize(load(deployedYaml)).equals(normalize(load(plannedYaml)));
    }

    static Object load(String yaml) {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(64 * 1024 * 1024);
        Object v = new Yaml(new SafeConstructor(o)).load(yaml == null ? "" : yaml);
        return v == null ? Map.of() : v;
    }

    private static Object normalize(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() == null) continue; // Helm drops null values
                out.put(String.valueOf(e.getKey()), normalize(e.getValue()));
            }
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object x : l) out.add(normalize(x));
            return out;
        }
        if (v instanceof Number n) {
            try {
                return new BigDecimal(n.toString()).stripTrailingZeros();
            } catch (NumberFormatException e) {
                return n.toString();
            }
        }
        return v;
    }
}
