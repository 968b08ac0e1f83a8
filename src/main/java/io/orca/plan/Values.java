package io.orca.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/** Building release values: maps keep insertion order, so that generated files never depend on hash order. */
public final class Values {
    private Values() {
    }

    /** An ordered map of key/value pairs; a null value leaves its key out. */
    public static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
