package io.orca.apply;

import io.orca.kube.ObjectRef;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The objects of a rendered release manifest (Helm's multi-document YAML), and those whose readiness counts. */
public final class ManifestObjects {
    /** Kinds whose status says whether a release is up (the rest — Services, ConfigMaps — are ready once they exist). */
    static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "Pod", "PersistentVolumeClaim");

    private ManifestObjects() {
    }

    /** Every object of the manifest, namespaced into {@code namespace} when it names none (as Helm installs it). */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> parse(String manifest, String namespace) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (manifest == null || manifest.isBlank()) return out;
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(64 * 1024 * 1024);
        for (Object doc : new Yaml(new SafeConstructor(options)).loadAll(manifest)) {
            if (!(doc instanceof Map<?, ?> m) || m.get("kind") == null) continue;
            Map<String, Object> o = new LinkedHashMap<>((Map<String, Object>) m);
            Map<String, Object> meta = new LinkedHashMap<>(Labels.metadata(o));
            if (meta.get("namespace") == null && !clusterScoped(String.valueOf(o.get("kind")))) meta.put("namespace", namespace);
            o.put("metadata", meta);
            out.add(o);
        }
        return out;
    }

    public static List<ObjectRef> workloads(String manifest, String namespace) {
        List<ObjectRef> out = new ArrayList<>();
        for (Map<String, Object> o : parse(manifest, namespace)) {
            if (WORKLOADS.contains(String.valueOf(o.get("kind")))) out.add(ObjectRef.of(o));
        }
        return out;
    }

    private static boolean clusterScoped(String kind) {
        return Set.of("Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass",
                "CustomResourceDefinition", "PriorityClass").contains(kind);
    }
}
