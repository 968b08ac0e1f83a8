package io.orca.kube;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fake behaves as the API server does where Orca relies on it (the cluster test proves the real one). */
class FakeKubernetesTest {
    private static Map<String, Object> cm(String data) {
        return Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "c", "namespace", "n", "labels", Map.of("a", "b")), "data", Map.of("k", data));
    }

    @Test
    void reApplyingTheSameObjectKeepsItsVersionAndAChangeMovesIt() {
        FakeKubernetes k = new FakeKubernetes(KubeTarget.of(Path.of("kubeconfig")));
        Map<String, Object> first = k.apply(cm("1"));
        assertSame(first, k.apply(cm("1")));
        Map<String, Object> second = k.apply(cm("2"));
        assertNotEquals(((Map<?, ?>) first.get("metadata")).get("resourceVersion"), ((Map<?, ?>) second.get("metadata")).get("resourceVersion"));
        assertEquals(1, k.list("v1", "ConfigMap", "n", Map.of("a", "b")).size());
        assertEquals(0, k.list("v1", "ConfigMap", "n", Map.of("a", "c")).size());
    }

    @Test
    void unservedKindsAndInjectedFaultsFailAsTheServerWould() {
        FakeKubernetes k = new FakeKubernetes(KubeTarget.of(Path.of("kubeconfig")));
        ObjectRef hr = new ObjectRef("helm.toolkit.fluxcd.io/v2", "HelmRelease", "n", "r");
        assertEquals(404, assertThrows(KubeException.class, () -> k.get(hr)).code());
        assertEquals(0, k.list(hr.apiVersion(), hr.kind(), null, Map.of()).size());
        k.serve(hr.apiVersion(), hr.kind());
        assertTrue(k.get(hr).isEmpty());
        k.fail("apply", ObjectRef.configMap("n", "c"), new KubeException("boom", 500, null));
        assertEquals("boom", assertThrows(KubeException.class, () -> k.apply(cm("1"))).getMessage());
        k.apply(cm("1"));
        assertTrue(k.calls().contains("apply ConfigMap n/c"));
    }
}
