package io.orca.apply;

import io.orca.kube.Kubernetes;
import io.orca.kube.ObjectRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code orca apply} installed in a namespace, kept in the namespace itself: the ConfigMap {@value #NAME}
 * (labelled as Orca's) names the network and its releases in dependency order. Prune and destroy touch only the
 * releases it lists — never another Helm release of the namespace — and status reads the delivery mode from it.
 */
public record Inventory(String network, String organization, List<String> releases) {
    public static final String NAME = "orca-inventory";
    public static final String DELIVERY_DEV = "dev";

    public Inventory {
        releases = List.copyOf(new LinkedHashSet<>(releases));
    }

    public static ObjectRef ref(String namespace) {
        return ObjectRef.configMap(namespace, NAME);
    }

    public static Optional<Inventory> read(Kubernetes kube, String namespace) {
        return kube.get(ref(namespace)).filter(c -> Labels.ORCA.equals(Labels.label(c, Labels.MANAGED_BY))).map(c -> {
            Map<?, ?> data = c.get("data") instanceof Map<?, ?> d ? d : Map.of();
            List<String> releases = new ArrayList<>();
            Object text = data.get("releases");
            if (text != null) {
                for (String line : String.valueOf(text).split("\n")) if (!line.isBlank()) releases.add(line.strip());
            }
            return new Inventory(String.valueOf(data.get("network")), String.valueOf(data.get("organization")), releases);
        });
    }

    /** This inventory with more releases (recorded before they are installed, so that a crash leaves none unknown). */
    public Inventory plus(List<String> more) {
        List<String> all = new ArrayList<>(releases);
        all.addAll(more);
        return new Inventory(network, organization, all);
    }

    public void write(Kubernetes kube, String namespace) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("network", network);
        data.put("organization", organization);
        data.put("delivery", DELIVERY_DEV);
        data.put("releases", releases.isEmpty() ? "" : String.join("\n", releases) + "\n");
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", NAME);
        meta.put("namespace", namespace);
        meta.put("labels", Labels.orca(organization));
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("apiVersion", "v1");
        cm.put("kind", "ConfigMap");
        cm.put("metadata", meta);
        cm.put("data", data);
        kube.apply(cm);
    }
}
