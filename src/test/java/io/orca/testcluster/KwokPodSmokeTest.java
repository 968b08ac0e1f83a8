package io.orca.testcluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kube-scheduler places Pods on kwok's fake nodes, and kwok reports them Ready. */
@ClusterTest
class KwokPodSmokeTest {

    @Test
    void twoReadyFakeNodesOneOfThemArm64(KubernetesClient client) {
        List<Node> nodes = client.nodes().withLabel("type", "kwok").list().getItems();
        assertEquals(2, nodes.size());
        for (Node n : nodes) {
            assertTrue(n.getStatus().getConditions().stream()
                    .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")), n.getMetadata().getName() + " Ready");
        }
        assertEquals(1, nodes.stream().filter(n -> "arm64".equals(n.getMetadata().getLabels().get("kubernetes.io/arch"))).count());
    }

    @Test
    void podIsScheduledOnTheArm64NodeAndReportsReady(TestCluster cluster) {
        KubernetesClient client = cluster.client();
        String ns = cluster.createNamespace("kwok");
        Pod pod = new PodBuilder()
                .withNewMetadata().withName("arm").endMetadata()
                .withNewSpec()
                .withNodeSelector(Map.of("kubernetes.io/arch", "arm64"))
                .addNewContainer().withName("app").withImage("registry.invalid/app:1.0").endContainer()
                .endSpec()
                .build();
        client.pods().inNamespace(ns).resource(pod).create();
        Pod ready = Await.until(Duration.ofSeconds(60), "Pod " + ns + "/arm Ready",
                () -> client.pods().inNamespace(ns).withName("arm").get(),
                p -> p != null && p.getStatus() != null && p.getStatus().getConditions() != null
                        && p.getStatus().getConditions().stream()
                        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")));
        assertEquals("kwok-node-1", ready.getSpec().getNodeName(), "scheduled on the arm64 node");
        assertEquals("Running", ready.getStatus().getPhase());
        assertNotNull(ready.getStatus().getPodIP());
    }
}
