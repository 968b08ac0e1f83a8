package io.orca.plan;

import java.util.List;
import java.util.Map;

/**
 * One Helm release of an organization: our chart, the values Orca computed, and the releases it waits for.
 *
 * @param component the platform component it deploys (network, node, tm...)
 */
public record ReleasePlan(String name, String component, String chart, String chartVersion, Map<String, Object> values,
                          List<String> dependsOn) {
    public ReleasePlan {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        dependsOn = List.copyOf(dependsOn);
    }
}
