package io.orca.plan;

import io.orca.model.Organization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /**
     * The organization's scheduling ({@code k8s.node_selector}, {@code k8s.tolerations}) as chart values
     * {@code nodeSelector} and {@code tolerations}, the same for every platform's workloads.
     */
    public static void scheduling(Organization org, Map<String, Object> values) {
        if (!org.k8s().nodeSelector().isEmpty()) values.put("nodeSelector", new TreeMap<>(org.k8s().nodeSelector()));
        if (!org.k8s().tolerations().isEmpty()) {
            List<Map<String, Object>> tolerations = new ArrayList<>();
            for (Organization.Toleration t : org.k8s().tolerations()) {
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
}
