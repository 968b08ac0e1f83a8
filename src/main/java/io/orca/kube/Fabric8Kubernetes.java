package io.orca.kube;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link Kubernetes} on fabric8's client (JDK HTTP client), every object as a generic resource. */
public final class Fabric8Kubernetes implements Kubernetes {
    private final KubeTarget target;
    private final KubernetesClient client;
    private final Config config;

    private Fabric8Kubernetes(KubeTarget target, Config config) {
        this.target = target;
        this.config = config;
        this.client = new KubernetesClientBuilder().withConfig(config).build();
    }

    /** A client for the target's kubeconfig and context (network.yaml's k8s.config_file and k8s.context). */
    public static Fabric8Kubernetes connect(KubeTarget target) {
        Config config;
        try {
            if (target.kubeconfig() == null) {
                config = Config.autoConfigure(target.context());
            } else {
                String text = Files.readString(target.kubeconfig(), StandardCharsets.UTF_8);
                config = Config.fromKubeconfig(target.context(), text, target.kubeconfig().toAbsolutePath().toString());
            }
        } catch (IOException e) {
            throw new KubeException(target + ": cannot read the kubeconfig (" + e.getClass().getSimpleName() + ")", 0, e);
        } catch (KubernetesClientException | IllegalArgumentException e) {
            throw new KubeException(target + ": unusable kubeconfig: " + firstLine(e.getMessage()), 0, e);
        }
        if (target.context() != null && config.getCurrentContext() != null
                && !target.context().equals(config.getCurrentContext().getName())) {
            throw new KubeException(target + ": no context '" + target.context() + "' in the kubeconfig", 0, null);
        }
        config.setRequestTimeout(30_000);
        config.setConnectionTimeout(10_000);
        // A refused connection is said at once (fabric8 retries ten times with backoff by default: ~20 s).
        config.setRequestRetryBackoffLimit(2);
        config.setRequestRetryBackoffInterval(200);
        return new Fabric8Kubernetes(target, config);
    }

    @Override
    public KubeTarget target() {
        return target;
    }

    @Override
    public String serverVersion() {
        return call("read the server version", null, () -> client.getKubernetesVersion().getGitVersion());
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> apply(Map<String, Object> object) {
        ObjectRef ref = ObjectRef.of(object);
        return call("apply", ref, () -> {
            GenericKubernetesResource r = client.getKubernetesSerialization().convertValue(object, GenericKubernetesResource.class);
            GenericKubernetesResource stored = resource(ref).resource(r).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            return client.getKubernetesSerialization().convertValue(stored, LinkedHashMap.class);
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> get(ObjectRef ref) {
        return call("read", ref, () -> {
            GenericKubernetesResource r = one(ref).get();
            return Optional.ofNullable(r == null ? null : client.getKubernetesSerialization().convertValue(r, LinkedHashMap.class));
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list(String apiVersion, String kind, String namespace, Map<String, String> labels) {
        ObjectRef what = new ObjectRef(apiVersion, kind, namespace, "*");
        if (!serves(apiVersion, kind)) return List.of();
        return call("list", what, () -> {
            var op = client.genericKubernetesResources(apiVersion, kind);
            var items = (namespace == null ? op.inAnyNamespace().withLabels(labels) : op.inNamespace(namespace).withLabels(labels))
                    .list().getItems();
            List<Map<String, Object>> out = new ArrayList<>();
            for (GenericKubernetesResource r : items) out.add(client.getKubernetesSerialization().convertValue(r, LinkedHashMap.class));
            return out;
        });
    }

    @Override
    public boolean delete(ObjectRef ref) {
        return call("delete", ref, () -> !one(ref).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete().isEmpty());
    }

    @Override
    public boolean awaitGone(ObjectRef ref, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (get(ref).isEmpty()) return true;
            if (System.nanoTime() > end) return false;
            Thread.sleep(250);
        }
    }

    @Override
    public List<KubeEvent> events(String namespace, String namePrefix) {
        return call("list the events of", new ObjectRef("v1", "Event", namespace, namePrefix + "*"), () -> {
            List<KubeEvent> out = new ArrayList<>();
            for (Event e : client.v1().events().inNamespace(namespace).list().getItems()) {
                if (e.getInvolvedObject() == null || e.getInvolvedObject().getName() == null
                        || !e.getInvolvedObject().getName().startsWith(namePrefix)) continue;
                out.add(new KubeEvent(e.getType(), e.getReason(), e.getMessage(), e.getInvolvedObject().getKind(),
                        e.getInvolvedObject().getName(), e.getCount() == null ? 1 : e.getCount(), lastSeen(e)));
            }
            out.sort(Comparator.comparing(KubeEvent::lastSeen));
            return out;
        });
    }

    @Override
    public boolean serves(String apiVersion, String kind) {
        return call("discover", new ObjectRef(apiVersion, kind, null, "*"), () -> {
            APIResourceList resources;
            try {
                resources = client.getApiResources(apiVersion);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) return false;
                throw e;
            }
            if (resources == null) return false;
            for (APIResource r : resources.getResources()) if (kind.equals(r.getKind())) return true;
            return false;
        });
    }

    @Override
    public void close() {
        client.close();
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> resource(ObjectRef ref) {
        return client.genericKubernetesResources(ref.apiVersion(), ref.kind());
    }

    private Resource<GenericKubernetesResource> one(ObjectRef ref) {
        var op = resource(ref);
        return ref.namespace() == null ? op.withName(ref.name()) : op.inNamespace(ref.namespace()).withName(ref.name());
    }

    private static Instant lastSeen(Event e) {
        String t = e.getLastTimestamp() != null ? e.getLastTimestamp()
                : e.getEventTime() != null && e.getEventTime().getTime() != null ? e.getEventTime().getTime() : e.getFirstTimestamp();
        try {
            return t == null ? Instant.EPOCH : Instant.parse(t);
        } catch (RuntimeException ex) {
            return Instant.EPOCH;
        }
    }

    /** Runs a call; any failure becomes a one-line KubeException naming the cluster, the operation and the object. */
    private <T> T call(String operation, ObjectRef ref, Supplier<T> body) {
        try {
            return body.get();
        } catch (KubeException e) {
            throw e;
        } catch (KubernetesClientException e) {
            boolean answered = e.getCode() > 0;
            String reason = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                    : answered ? e.getMessage() : "the API server " + config.getMasterUrl() + " cannot be reached (" + rootCause(e) + ")";
            throw new KubeException(target + ": cannot " + operation + (ref == null ? "" : " " + ref) + ": " + firstLine(reason),
                    Math.max(0, e.getCode()), e);
        } catch (RuntimeException e) {
            throw new KubeException(target + ": cannot " + operation + (ref == null ? "" : " " + ref) + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())), 0, e);
        }
    }

    /** The innermost cause, as "ConnectException: Connection refused". */
    private static String rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        return s.lines().findFirst().orElse(s);
    }
}
