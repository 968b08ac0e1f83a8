package io.orca.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orca.kube.Kubernetes;
import io.orca.model.Secret;
import io.orca.plan.SecretPlan;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The planned Secrets as plain Kubernetes Secrets (dev mode: no SOPS, no Git), and back: generated material is
 * labelled {@value Labels#GENERATED} and carries its public halves in the annotation {@value Labels#PUBLIC}, so that
 * another machine with access to the cluster reads the identity back ({@link #read}) and keeps it.
 */
public final class ClusterSecrets {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterSecrets() {
    }

    /** The Secret object for a planned Secret; data base64-encoded (server-side apply of stringData never settles). */
    public static Map<String, Object> object(String namespace, String organization, SecretPlan s) {
        Map<String, Object> labels = Labels.orca(organization);
        labels.put(Labels.GENERATED, String.valueOf(s.generated()));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", s.name());
        meta.put("namespace", namespace);
        meta.put("labels", labels);
        if (!s.publicData().isEmpty()) meta.put("annotations", Map.of(Labels.PUBLIC, publicJson(s)));
        Map<String, Object> data = new TreeMap<>();
        for (Map.Entry<String, Secret> e : s.data().entrySet()) {
            data.put(e.getKey(), Base64.getEncoder().encodeToString(e.getValue().reveal().getBytes(StandardCharsets.UTF_8)));
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("apiVersion", "v1");
        o.put("kind", "Secret");
        o.put("metadata", meta);
        o.put("type", s.type());
        o.put("data", data);
        return o;
    }

    private static String publicJson(SecretPlan s) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(s.publicData()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Generated material Orca put in a namespace, as the planner gets it back; empty when there is none of Orca's. */
    public static Optional<SecretPlan> read(Kubernetes kube, String namespace, String name) {
        return kube.get(io.orca.kube.ObjectRef.secret(namespace, name)).flatMap(ClusterSecrets::fromObject);
    }

    /** Every Secret of Orca's generated material in a namespace (one call), by name. */
    public static Map<String, SecretPlan> readAll(Kubernetes kube, String namespace) {
        Map<String, SecretPlan> out = new TreeMap<>();
        for (Map<String, Object> o : kube.list("v1", "Secret", namespace, Map.of(Labels.MANAGED_BY, Labels.ORCA, Labels.GENERATED, "true"))) {
            fromObject(o).ifPresent(s -> out.put(s.name(), s));
        }
        return out;
    }

    static Optional<SecretPlan> fromObject(Map<String, Object> o) {
        if (!Labels.ORCA.equals(Labels.label(o, Labels.MANAGED_BY)) || !"true".equals(Labels.label(o, Labels.GENERATED))) {
            return Optional.empty();
        }
        TreeMap<String, Secret> data = new TreeMap<>();
        if (o.get("data") instanceof Map<?, ?> d) {
            for (Map.Entry<?, ?> e : d.entrySet()) {
                data.put(String.valueOf(e.getKey()), Secret.of(new String(Base64.getDecoder().decode(String.valueOf(e.getValue())),
                        StandardCharsets.UTF_8)));
            }
        }
        TreeMap<String, String> pub = new TreeMap<>();
        String json = Labels.annotation(o, Labels.PUBLIC);
        if (json != null) {
            try {
                JSON.readTree(json).fields().forEachRemaining(e -> pub.put(e.getKey(), e.getValue().asText()));
            } catch (JsonProcessingException e) {
                // an unreadable annotation: the private data alone still keeps the identity
            }
        }
        String name = String.valueOf(Labels.metadata(o).get("name"));
        String type = o.get("type") == null ? SecretPlan.OPAQUE : String.valueOf(o.get("type"));
        return Optional.of(new SecretPlan(name, type, data, pub, true));
    }

    /** Names of the Secrets of an organization in a namespace that Orca labelled as its own. */
    public static List<Map<String, Object>> owned(Kubernetes kube, String namespace, String organization) {
        return kube.list("v1", "Secret", namespace, Map.of(Labels.MANAGED_BY, Labels.ORCA, Labels.ORGANIZATION, organization));
    }
}
