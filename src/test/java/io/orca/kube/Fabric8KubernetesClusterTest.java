package io.orca.kube;

import io.orca.testcluster.ClusterTest;
import io.orca.testcluster.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Kubernetes seam against the test cluster's real API server. */
@ClusterTest
class Fabric8KubernetesClusterTest {
    private static Map<String, Object> configMap(String ns, String name, Map<String, String> data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apiVersion", "v1");
        m.put("kind", "ConfigMap");
        m.put("metadata", Map.of("name", name, "namespace", ns, "labels", Map.of("app.kubernetes.io/managed-by", "orca")));
        m.put("data", data);
        return m;
    }

    @Test
    void appliesReadsListsAndDeletesObjectsIdempotently(TestCluster cluster) throws Exception {
        String ns = cluster.createNamespace("kube-seam");
        try (Kubernetes k = Fabric8Kubernetes.connect(KubeTarget.of(cluster.kubeconfig()))) {
            assertTrue(k.serverVersion().startsWith("v1.36."), k.serverVersion());
            Map<String, Object> first = k.apply(configMap(ns, "inventory", Map.of("a", "1")));
            Map<String, Object> again = k.apply(configMap(ns, "inventory", Map.of("a", "1")));
            assertEquals(Readiness.map(first, "metadata").get("resourceVersion"), Readiness.map(again, "metadata").get("resourceVersion"),
                    "re-applying the same object changes nothing");
            k.apply(configMap(ns, "inventory", Map.of("a", "2")));
            assertEquals("2", ((Map<?, ?>) k.get(ObjectRef.configMap(ns, "inventory")).orElseThrow().get("data")).get("a"));
            k.apply(Map.of("apiVersion", "v1", "kind", "Secret", "metadata", Map.of("name", "keys", "namespace", ns),
                    "type", "Opaque", "stringData", Map.of("k", "v")));
            assertEquals(1, k.list("v1", "ConfigMap", ns, Map.of("app.kubernetes.io/managed-by", "orca")).size());
            assertEquals(List.of(), k.list("v1", "ConfigMap", ns, Map.of("app.kubernetes.io/managed-by", "someone-else")));
            assertTrue(k.delete(ObjectRef.configMap(ns, "inventory")));
            assertTrue(k.awaitGone(ObjectRef.configMap(ns, "inventory"), Duration.ofSeconds(30)));
            assertFalse(k.delete(ObjectRef.configMap(ns, "inventory")), "deleting what is not there");
            assertTrue(k.get(ObjectRef.configMap(ns, "inventory")).isEmpty());
        }
    }

    @Test
    void knowsWhichKindsAreServed(TestCluster cluster) {
        try (Kubernetes k = Fabric8Kubernetes.connect(KubeTarget.of(cluster.kubeconfig()))) {
            assertTrue(k.serves("helm.toolkit.fluxcd.io/v2", "HelmRelease"));
            assertTrue(k.serves("apps/v1", "StatefulSet"));
            // A group no test installs (the image-reflector CRDs were the example until orca bootstrap, sharing this
            // cluster in BootstrapOnClusterTest, installed them: the answer depended on the order of the test classes).
            assertFalse(k.serves("nothing.example.test/v1", "Thing"), "no CRD of that group exists");
            assertFalse(k.serves("helm.toolkit.fluxcd.io/v1beta9", "HelmRelease"), "a version the CRD does not serve");
            assertEquals(List.of(), k.list("nothing.example.test/v1", "Thing", null, Map.of()));
        }
    }

    @Test
    void aContextNotInTheKubeconfigAndAnUnreachableServerAreClearErrors(TestCluster cluster, @TempDir Path tmp) throws Exception {
        KubeException wrong = assertThrows(KubeException.class,
                () -> Fabric8Kubernetes.connect(new KubeTarget(cluster.kubeconfig(), "no-such-context")));
        assertTrue(wrong.getMessage().contains("no-such-context"), wrong.getMessage());
        // The same kubeconfig pointing at a port where nothing listens.
        String text = Files.readString(cluster.kubeconfig()).replaceAll("server: https://127\\.0\\.0\\.1:\\d+", "server: https://127.0.0.1:1");
        Path dead = tmp.resolve("dead.kubeconfig");
        Files.writeString(dead, text);
        try (Kubernetes k = Fabric8Kubernetes.connect(KubeTarget.of(dead))) {
            KubeException e = assertThrows(KubeException.class, k::serverVersion);
            assertTrue(e.unreachable(), e.getMessage());
            assertTrue(e.getMessage().contains(dead.toString()), e.getMessage());
        }
    }
}
