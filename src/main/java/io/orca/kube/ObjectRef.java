package io.orca.kube;

import java.util.Map;
import java.util.Objects;

/** Names one Kubernetes object: its API version and kind, its namespace (null for cluster-scoped kinds) and name. */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {
    public ObjectRef {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (namespace != null && namespace.isBlank()) namespace = null;
    }

    /** The reference of an object given as plain maps (apiVersion, kind, metadata.namespace, metadata.name). */
    @SuppressWarnings("unchecked")
    public static ObjectRef of(Map<String, Object> object) {
        Map<String, Object> meta = object.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        return new ObjectRef(String.valueOf(object.get("apiVersion")), String.valueOf(object.get("kind")),
                meta.get("namespace") == null ? null : String.valueOf(meta.get("namespace")), String.valueOf(meta.get("name")));
    }

    public static ObjectRef namespace(String name) {
        return new ObjectRef("v1", "Namespace", null, name);
    }

    public static ObjectRef secret(String namespace, String name) {
        return new ObjectRef("v1", "Secret", namespace, name);
    }

    public static ObjectRef configMap(String namespace, String name) {
        return new ObjectRef("v1", "ConfigMap", namespace, name);
    }

    @Override
    public String toString() {
        return kind + " " + (namespace == null ? "" : namespace + "/") + name;
    }
}
