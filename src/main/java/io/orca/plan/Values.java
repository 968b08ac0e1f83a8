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

    /** Adds an organization's Pod scheduling (k8s.nodeSelector, k8s.tolerations) to a release's values, when set. */
    public static void scheduling(io.orca.model.Organization org, Map<String, Object> values) {
        if (!org.k8s().nodeSelector().isEmpty()) values.put("nodeSelector", new java.util.TreeMap<>(org.k8s().nodeSelector()));
        if (org.k8s().tolerations().isEmpty()) return;
        java.util.List<Map<String, Object>> tolerations = new java.util.ArrayList<>();
        for (io.orca.model.Organization.Toleration t : org.k8s().tolerations()) {
            Map<String, Object> m = new LinkedHashMap<>();
            t.key().ifPresent(v -> m.put("key", v));
            t.operator().ifPresent(v -> m.put("operator", v));
            t.value().ifPresent(v -> m.put("value", v));
            t.effect().ifPresent(v -> m.put("effect", v));
            t.tolerationSeconds().ifPresent(v -> m.put("tolerationSeconds", v));
            tolerations.add(m);
        }
        values.put("tolerations", tolerations);
    }
}
