package io.orca.apply;

import io.orca.helm.ReleaseContent;
import io.orca.helm.ReleaseRef;
import io.orca.helm.ReleaseStatus;
import io.orca.helm.StrictFakeHelm;
import io.orca.kube.FakeKubernetes;
import io.orca.kube.KubeTarget;
import io.orca.kube.ObjectRef;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code orca status}'s reading, on the seams' fakes: the mode comes from the cluster (Orca's inventory: dev mode; Flux
 * objects: GitOps), Ready is Helm deployed + workloads ready, or Flux's Ready=True; anything else is not Ready.
 * (The cluster proof of dev mode is ApplyOnClusterTest.)
 */
class StatusReaderTest {
    private static final KubeTarget TARGET = new KubeTarget(Path.of("/nonexistent/kubeconfig"), "ctx");
    private static final String NS = "o-bes";
    private static final String STS = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: node}
            spec: {replicas: 1}
            """;

    private static OrganizationUnit org() {
        ReleaseUnit node = new ReleaseUnit("o", TARGET, new ReleaseRef("node", NS), "besu-node", "0.1.0", Path.of("/c"), "d",
                "", List.of());
        return new OrganizationUnit("o", "besu-dev", NS, TARGET, List.of(), List.of(node));
    }

    private static FakeKubernetes cluster() {
        FakeKubernetes kube = new FakeKubernetes(TARGET);
        kube.apply(Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", NS)));
        return kube;
    }

    @Test
    void devModeIsReadyWhenHelmDeployedAndTheWorkloadsAreReady() {
        FakeKubernetes kube = cluster();
        new Inventory("besu-dev", "o", List.of("node")).write(kube, NS);
        kube.apply(Map.of("apiVersion", "apps/v1", "kind", "StatefulSet", "metadata", Map.of("name", "node", "namespace", NS),
                "spec", Map.of("replicas", 1)));
        ObjectRef sts = new ObjectRef("apps/v1", "StatefulSet", NS, "node");
        kube.setStatus(sts, Map.of("readyReplicas", 0));
        StrictFakeHelm helm = new StrictFakeHelm();
        ReleaseRef ref = new ReleaseRef("node", NS);
        for (int i = 0; i < 2; i++) {
            helm.onStatus(ref).returns(java.util.Optional.of(new ReleaseStatus("node", NS, 2, "deployed", "besu-node-0.1.0", "", null)));
            helm.onGet(ref, OptionalInt.of(2)).returns(new ReleaseContent(2, "", STS));
        }
        StatusReader reader = new StatusReader(helm, t -> kube);
        StatusReader.OrganizationStatus notYet = reader.read(org(), "flux-dev");
        assertEquals("dev", notYet.mode());
        assertFalse(notYet.ready());
        assertTrue(notYet.items().get(0).message().contains("StatefulSet node: 0/1 ready"), notYet.toString());

        kube.setStatus(sts, Map.of("readyReplicas", 1));
        StatusReader.OrganizationStatus ready = reader.read(org(), "flux-dev");
        assertTrue(ready.ready(), ready.toString());
        assertEquals("2", ready.items().get(0).revision());
        helm.verify();
    }

    @Test
    void gitOpsModeReadsFluxReadyConditions() {
        FakeKubernetes kube = cluster().serve(StatusReader.FLUX_HELM_API, "HelmRelease")
                .serve(StatusReader.FLUX_SOURCE_API, "GitRepository").serve(StatusReader.FLUX_KUSTOMIZE_API, "Kustomization");
        kube.apply(Map.of("apiVersion", StatusReader.FLUX_SOURCE_API, "kind", "GitRepository",
                "metadata", Map.of("name", "flux-dev", "namespace", "flux-dev")));
        kube.apply(Map.of("apiVersion", StatusReader.FLUX_KUSTOMIZE_API, "kind", "Kustomization",
                "metadata", Map.of("name", "flux-dev", "namespace", "flux-dev")));
        kube.apply(Map.of("apiVersion", StatusReader.FLUX_HELM_API, "kind", "HelmRelease", "metadata", Map.of("name", "node", "namespace", NS)));
        Map<String, Object> ready = Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True", "reason", "Succeeded",
                "message", "ok")), "artifact", Map.of("revision", "main@sha1:abc"));
        kube.setStatus(new ObjectRef(StatusReader.FLUX_SOURCE_API, "GitRepository", "flux-dev", "flux-dev"), ready);
        kube.setStatus(new ObjectRef(StatusReader.FLUX_KUSTOMIZE_API, "Kustomization", "flux-dev", "flux-dev"), ready);
        ObjectRef hr = new ObjectRef(StatusReader.FLUX_HELM_API, "HelmRelease", NS, "node");
        kube.setStatus(hr, Map.of("conditions", List.of(Map.of("type", "Ready", "status", "False", "reason", "InstallFailed",
                "message", "context deadline exceeded"))));
        StatusReader reader = new StatusReader(new StrictFakeHelm(), t -> kube);

        StatusReader.OrganizationStatus failing = reader.read(org(), "flux-dev");
        assertEquals("gitops", failing.mode());
        assertFalse(failing.ready());
        StatusReader.Item item = failing.items().get(2);
        assertEquals(List.of("HelmRelease", "node", "InstallFailed", "context deadline exceeded"),
                List.of(item.kind(), item.name(), item.reason(), item.message()));
        assertEquals("main@sha1:abc", failing.items().get(0).revision());

        kube.setStatus(hr, ready);
        assertTrue(reader.read(org(), "flux-dev").ready());
    }

    @Test
    void nothingDeliveredIsNotReady() {
        StatusReader.OrganizationStatus none = new StatusReader(new StrictFakeHelm(), t -> new FakeKubernetes(TARGET)).read(org(), "flux-dev");
        assertEquals("none", none.mode());
        assertFalse(none.ready());
        assertTrue(none.items().get(0).message().contains("namespace o-bes does not exist"), none.toString());
    }
}
