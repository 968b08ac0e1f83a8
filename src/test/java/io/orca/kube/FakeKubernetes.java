package io.orca.kube;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An in-memory {@link Kubernetes} for unit tests of the code above the seam: a store of objects by reference, with
 * a resource version that moves only when an apply changes the object (as server-side apply does), strict about the
 * kinds it serves (an unserved kind fails as an API server answers 404), a log of every call, and faults to inject.
 * Nothing reconciles here: tests set the status of objects themselves ({@link #setStatus}).
 */
public final class FakeKubernetes implements Kubernetes {
    private final KubeTarget target;
    private final Map<String, Map<String, Object>> objects = new TreeMap<>();
    private final Set<String> served = new HashSet<>(Set.of("v1/Namespace", "v1/Secret", "v1/ConfigMap", "v1/Pod",
            "v1/PersistentVolumeClaim", "apps/v1/Deployment", "apps/v1/StatefulSet", "batch/v1/Job"));
    private final List<KubeEvent> events = new ArrayList<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, KubeException> faults = new LinkedHashMap<>();
    private long version;

    public FakeKubernetes(KubeTarget target) {
        this.target = target;
    }

    /** Serve a kind (a CRD installed). */
    public FakeKubernetes serve(String apiVersion, String kind) {
        served.add(apiVersion + "/" + kind);
        return this;
    }

    /** The next {@code operation} ("apply", "get", "delete"...) on {@code ref} fails with {@code e}. */
    public synchronized void fail(String operation, ObjectRef ref, KubeException e) {
        faults.put(operation + " " + ref, e);
    }

    public synchronized void addEvent(KubeEvent e) {
        events.add(e);
    }

    /** Sets an object's status, as its controller would. */
    @SuppressWarnings("unchecked")
    public synchronized void setStatus(ObjectRef ref, Map<String, Object> status) {
        Map<String, Object> o = objects.get(key(ref));
        if (o == null) throw new AssertionError("no " + ref + " to set the status of");
        o.put("status", status);
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }

    public synchronized Set<ObjectRef> stored() {
        Set<ObjectRef> out = new HashSet<>();
        for (Map<String, Object> o : objects.values()) out.add(ObjectRef.of(o));
        return out;
    }

    @Override
    public KubeTarget target() {
        return target;
    }

    @Override
    public String serverVersion() {
        calls.add("version");
        return "v1.36.3";
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized Map<String, Object> apply(Map<String, Object> object) {
        ObjectRef ref = ObjectRef.of(object);
        record("apply", ref);
        requireServed(ref);
        Map<String, Object> old = objects.get(key(ref));
        Map<String, Object> next = new LinkedHashMap<>(object);
        Map<String, Object> meta = new LinkedHashMap<>((Map<String, Object>) object.getOrDefault("metadata", Map.of()));
        if (old != null) {
            Map<String, Object> oldMeta = (Map<String, Object>) old.get("metadata");
            Map<String, Object> comparable = new LinkedHashMap<>(old);
            comparable.remove("status");
            Map<String, Object> cm = new LinkedHashMap<>(oldMeta);
            cm.remove("resourceVersion");
            comparable.put("metadata", cm);
            if (comparable.equals(withMeta(next, meta))) return old;
            if (old.containsKey("status")) next.put("status", old.get("status"));
        }
        meta.put("resourceVersion", String.valueOf(++version));
        next.put("metadata", meta);
        objects.put(key(ref), next);
        return next;
    }

    private static Map<String, Object> withMeta(Map<String, Object> o, Map<String, Object> meta) {
        Map<String, Object> m = new LinkedHashMap<>(o);
        m.put("metadata", meta);
        m.remove("status");
        return m;
    }

    @Override
    public synchronized Optional<Map<String, Object>> get(ObjectRef ref) {
        record("get", ref);
        requireServed(ref);
        return Optional.ofNullable(objects.get(key(ref)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized List<Map<String, Object>> list(String apiVersion, String kind, String namespace, Map<String, String> labels) {
        calls.add("list " + apiVersion + "/" + kind + " " + namespace + " " + labels);
        if (!served.contains(apiVersion + "/" + kind)) return List.of();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> o : objects.values()) {
            ObjectRef r = ObjectRef.of(o);
            if (!r.apiVersion().equals(apiVersion) || !r.kind().equals(kind)) continue;
            if (namespace != null && !namespace.equals(r.namespace())) continue;
            Map<String, Object> l = (Map<String, Object>) ((Map<String, Object>) o.get("metadata")).getOrDefault("labels", Map.of());
            if (labels.entrySet().stream().allMatch(e -> e.getValue().equals(l.get(e.getKey())))) out.add(o);
        }
        return out;
    }

    @Override
    public synchronized boolean delete(ObjectRef ref) {
        record("delete", ref);
        requireServed(ref);
        boolean was = objects.remove(key(ref)) != null;
        if (was && ref.kind().equals("Namespace")) objects.keySet().removeIf(k -> k.contains("|" + ref.name() + "|"));
        return was;
    }

    @Override
    public synchronized boolean awaitGone(ObjectRef ref, Duration timeout) {
        record("awaitGone", ref);
        return !objects.containsKey(key(ref));
    }

    @Override
    public synchronized List<KubeEvent> events(String namespace, String namePrefix) {
        calls.add("events " + namespace + " " + namePrefix);
        return events.stream().filter(e -> e.objectName().startsWith(namePrefix))
                .sorted(java.util.Comparator.comparing(KubeEvent::lastSeen)).toList();
    }

    @Override
    public boolean serves(String apiVersion, String kind) {
        calls.add("serves " + apiVersion + "/" + kind);
        return served.contains(apiVersion + "/" + kind);
    }

    @Override
    public void close() {
        calls.add("close");
    }

    private void record(String operation, ObjectRef ref) {
        calls.add(operation + " " + ref);
        KubeException fault = faults.remove(operation + " " + ref);
        if (fault != null) throw fault;
    }

    private void requireServed(ObjectRef ref) {
        if (!served.contains(ref.apiVersion() + "/" + ref.kind())) {
            throw new KubeException(target + ": the server does not serve " + ref.apiVersion() + " " + ref.kind(), 404, null);
        }
    }

    private static String key(ObjectRef r) {
        return r.apiVersion() + "|" + r.kind() + "|" + (r.namespace() == null ? "" : r.namespace()) + "|" + r.name();
    }

    /** A quiet Event, for tests that inject failures. */
    public static KubeEvent warning(String kind, String name, String reason, String message) {
        return new KubeEvent("Warning", reason, message, kind, name, 1, Instant.now());
    }
}
