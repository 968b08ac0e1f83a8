package io.orca.testcluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Creating Flux objects and waiting for them, for tests against the test cluster. */
public final class Flux {
    public static final Duration TIMEOUT = Duration.ofMinutes(3);

    private static final Map<String, ResourceDefinitionContext> KINDS = Map.of(
            "GitRepository", ctx("source.toolkit.fluxcd.io", "v1", "GitRepository", "gitrepositories"),
            "HelmChart", ctx("source.toolkit.fluxcd.io", "v1", "HelmChart", "helmcharts"),
            "Kustomization", ctx("kustomize.toolkit.fluxcd.io", "v1", "Kustomization", "kustomizations"),
            "HelmRelease", ctx("helm.toolkit.fluxcd.io", "v2", "HelmRelease", "helmreleases"),
            "Provider", ctx("notification.toolkit.fluxcd.io", "v1beta3", "Provider", "providers"),
            "Alert", ctx("notification.toolkit.fluxcd.io", "v1beta3", "Alert", "alerts"));

    private Flux() {
    }

    private static ResourceDefinitionContext ctx(String group, String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group).withVersion(version).withKind(kind).withPlural(plural).withNamespaced(true).build();
    }

    public static ResourceDefinitionContext context(String kind) {
        ResourceDefinitionContext c = KINDS.get(kind);
        if (c == null) throw new IllegalArgumentException("unknown Flux kind " + kind);
        return c;
    }

    /** Creates one Flux object from YAML in {@code namespace}. */
    public static GenericKubernetesResource create(KubernetesClient client, String namespace, String yaml) {
        GenericKubernetesResource r = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
        return client.genericKubernetesResources(context(r.getKind())).inNamespace(namespace).resource(r).create();
    }

    public static GenericKubernetesResource get(KubernetesClient client, String kind, String namespace, String name) {
        return client.genericKubernetesResources(context(kind)).inNamespace(namespace).withName(name).get();
    }

    /** Waits for Ready=True at the object's current generation. */
    public static GenericKubernetesResource ready(KubernetesClient client, String kind, String namespace, String name) {
        return Await.until(TIMEOUT, kind + " " + namespace + "/" + name + " Ready",
                () -> get(client, kind, namespace, name), r -> r != null && Await.isReady(r));
    }

    /** Asks the controller to reconcile now, as {@code flux reconcile} does. */
    public static void requestReconcile(KubernetesClient client, String kind, String namespace, String name) {
        client.genericKubernetesResources(context(kind)).inNamespace(namespace).withName(name).edit(r -> {
            Map<String, String> annotations = r.getMetadata().getAnnotations() == null
                    ? new HashMap<>() : new HashMap<>(r.getMetadata().getAnnotations());
            annotations.put("reconcile.fluxcd.io/requestedAt", Instant.now().toString());
            r.getMetadata().setAnnotations(annotations);
            return r;
        });
    }

    @SuppressWarnings("unchecked")
    public static String artifactRevision(GenericKubernetesResource gitRepository) {
        Object artifact = Await.status(gitRepository).get("artifact");
        return artifact instanceof Map ? (String) ((Map<String, Object>) artifact).get("revision") : null;
    }

    public static String lastAppliedRevision(GenericKubernetesResource r) {
        return (String) Await.status(r).get("lastAppliedRevision");
    }

    public static String gitRepository(String name, String url, String branch) {
        return """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata:
                  name: %s
                spec:
                  interval: 1m
                  timeout: 60s
                  url: %s
                  ref:
                    branch: %s
                """.formatted(name, url, branch);
    }
}
