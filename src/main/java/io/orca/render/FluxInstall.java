package io.orca.render;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Flux's controllers at the version Orca pins, as {@code orca bootstrap} installs them in one Flux namespace: the
 * manifests vendored under {@code io/orca/flux/<version>/} (made by {@code scripts/vendor-flux}, see its README),
 * moved to {@code namespace} and labelled as Orca's. Pure: same namespace, same objects. Nothing is fetched.
 */
public final class FluxInstall {
    public static final String VERSION = "v2.9.4";
    /** The controllers, in install order (source first: the others need its CRDs' kinds; notification early). */
    public static final List<String> CONTROLLERS = List.of("source-controller", "kustomize-controller", "helm-controller",
            "notification-controller", "image-reflector-controller", "image-automation-controller");
    /** Their images' tags (the Go module versions of Flux v2.9.4). */
    public static final Map<String, String> VERSIONS = Map.of("source-controller", "v1.9.4", "kustomize-controller", "v1.9.4",
            "helm-controller", "v1.6.3", "notification-controller", "v1.9.3", "image-reflector-controller", "v1.2.4",
            "image-automation-controller", "v1.2.4");
    public static final String RESOURCES = "io/orca/flux/" + VERSION + "/";
    /** The vendored files, in apply order. */
    public static final List<String> FILES = List.of("source-controller.yaml", "kustomize-controller.yaml",
            "helm-controller.yaml", "notification-controller.yaml", "image-reflector-controller.yaml",
            "image-automation-controller.yaml", "rbac.yaml", "policies.yaml");
    public static final String VERSION_LABEL = "app.kubernetes.io/version";
    public static final String PART_OF_LABEL = "app.kubernetes.io/part-of";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    private static final String UPSTREAM_NAMESPACE = "flux-system";
    private static final Set<String> CLUSTER_SCOPED = Set.of("CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding",
            "Namespace");

    private FluxInstall() {
    }

    /** Whether a kind is cluster-scoped (among those Flux's install holds). */
    public static boolean clusterScoped(String kind) {
        return CLUSTER_SCOPED.contains(kind);
    }

    /**
     * Every object of the install for {@code namespace}: the Namespace, then per controller its CRDs, ServiceAccount,
     * Deployment and Services, then RBAC (cluster-scoped names suffixed with the namespace, so that two Flux
     * namespaces on one cluster do not share a binding, as {@code flux install --namespace} does) and the network
     * policies. Every object carries {@code app.kubernetes.io/managed-by: orca}.
     */
    public static List<Map<String, Object>> objects(String namespace) {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, Object> ns = Manifests.map("apiVersion", "v1", "kind", "Namespace", "metadata", Manifests.map("name", namespace,
                "labels", Manifests.map(PART_OF_LABEL, "flux", "app.kubernetes.io/instance", namespace, VERSION_LABEL, VERSION,
                        "pod-security.kubernetes.io/warn", "restricted", "pod-security.kubernetes.io/warn-version", "latest")));
        out.add(ns);
        for (String file : FILES) {
            for (Map<String, Object> o : load(file)) out.add(relocate(o, namespace));
        }
        for (Map<String, Object> o : out) labels(o).put(MANAGED_BY_LABEL, "orca");
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> relocate(Map<String, Object> o, String namespace) {
        String kind = String.valueOf(o.get("kind"));
        Map<String, Object> meta = (Map<String, Object>) o.get("metadata");
        if (!clusterScoped(kind)) meta.put("namespace", namespace);
        labels(o).replace("app.kubernetes.io/instance", namespace);
        if (kind.equals("ClusterRole") || kind.equals("ClusterRoleBinding")) meta.put("name", meta.get("name") + "-" + namespace);
        if (kind.equals("ClusterRoleBinding")) {
            Map<String, Object> roleRef = (Map<String, Object>) o.get("roleRef");
            if (!"cluster-admin".equals(roleRef.get("name"))) roleRef.put("name", roleRef.get("name") + "-" + namespace);
            for (Object s : (List<Object>) o.get("subjects")) ((Map<String, Object>) s).put("namespace", namespace);
        }
        if (kind.equals("Deployment")) {
            Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) o.get("spec")).get("template");
            Map<String, Object> tmeta = (Map<String, Object>) template.get("metadata");
            ((Map<String, Object>) tmeta.get("labels")).replace("app.kubernetes.io/instance", namespace);
            Map<String, Object> spec = (Map<String, Object>) template.get("spec");
            for (Object c : (List<Object>) spec.get("containers")) {
                List<Object> args = (List<Object>) ((Map<String, Object>) c).get("args");
                if (args == null) continue;
                args.replaceAll(a -> String.valueOf(a).replace("." + UPSTREAM_NAMESPACE + ".", "." + namespace + "."));
            }
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> labels(Map<String, Object> o) {
        Map<String, Object> meta = (Map<String, Object>) o.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
        return (Map<String, Object>) meta.computeIfAbsent("labels", k -> new LinkedHashMap<>());
    }

    /** One vendored file's documents, freshly parsed (callers may change them). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> load(String file) {
        try (InputStream in = FluxInstall.class.getClassLoader().getResourceAsStream(RESOURCES + file)) {
            if (in == null) throw new IllegalStateException("Orca's jar lacks " + RESOURCES + file);
            LoaderOptions lo = new LoaderOptions();
            lo.setCodePointLimit(4 * 1024 * 1024);
            List<Map<String, Object>> out = new ArrayList<>();
            for (Object doc : new Yaml(new SafeConstructor(lo)).loadAll(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                if (doc instanceof Map<?, ?> m) out.add((Map<String, Object>) m);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
