package io.orca.apply;

import java.util.LinkedHashMap;
import java.util.Map;

/** The labels and annotations by which Orca knows what it owns in a cluster. */
public final class Labels {
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String ORCA = "orca";
    public static final String ORGANIZATION = "orca.dev/organization";
    /** On Secrets: "true" for key material Orca generated (kept by destroy unless --purge-data). */
    public static final String GENERATED = "orca.dev/generated";
    /** On Secrets: the public halves (addresses, public keys) as JSON, so that another machine keeps the identity. */
    public static final String PUBLIC = "orca.dev/public";
    /** On Namespaces: set only on namespaces that {@code orca apply} created (destroy deletes only those). */
    public static final String CREATED_BY = "orca.dev/created-by";
    public static final String CREATED_BY_APPLY = "orca-apply";
    /** Flux's kustomize-controller labels what it applies with this: such a namespace is delivered by GitOps. */
    public static final String FLUX_KUSTOMIZATION = "kustomize.toolkit.fluxcd.io/name";

    private Labels() {
    }

    /** Orca's labels for an object of an organization. */
    public static Map<String, Object> orca(String organization) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(MANAGED_BY, ORCA);
        m.put(ORGANIZATION, organization);
        return m;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> metadata(Map<String, Object> object) {
        return object.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static String label(Map<String, Object> object, String key) {
        Object labels = metadata(object).get("labels");
        return labels instanceof Map<?, ?> l && l.get(key) != null ? String.valueOf(l.get(key)) : null;
    }

    static String annotation(Map<String, Object> object, String key) {
        Object a = metadata(object).get("annotations");
        return a instanceof Map<?, ?> l && l.get(key) != null ? String.valueOf(l.get(key)) : null;
    }
}
