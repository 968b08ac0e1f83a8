package io.orca.testcluster;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real API server: TLS on loopback with a client certificate, and server-side dry runs. */
@ClusterTest
class ApiServerSmokeTest {

    @Test
    void kubeconfigUsesTlsOnLoopbackWithAClientCertificate(TestCluster cluster) throws Exception {
        String kubeconfig = Files.readString(cluster.kubeconfig());
        assertTrue(kubeconfig.contains("client-certificate-data:"), "kubeconfig authenticates with a client certificate");
        URI server = URI.create(cluster.client().getConfiguration().getMasterUrl());
        assertEquals("https", server.getScheme());
        assertEquals("127.0.0.1", server.getHost());
        // The client's version API (fabric8 7.0.1 could not parse 1.36's /version and the test read it raw; 8.0.0 can).
        io.fabric8.kubernetes.client.VersionInfo info = cluster.client().getKubernetesVersion();
        assertTrue(info.getGitVersion().startsWith("v1.36."), "server version " + info.getGitVersion());
        assertEquals("1", info.getMajor());
        assertTrue(info.getMinor().startsWith("36"), "minor " + info.getMinor());
    }

    @Test
    void serverSideDryRunOfADeploymentIsDefaultedAndNotStored(TestCluster cluster) {
        KubernetesClient client = cluster.client();
        String ns = cluster.createNamespace("dryrun");
        Deployment created = client.apps().deployments().inNamespace(ns).resource(deployment("web", "web")).dryRun().create();
        // Defaults that only the API server fills in.
        assertEquals(10, created.getSpec().getRevisionHistoryLimit());
        assertEquals("RollingUpdate", created.getSpec().getStrategy().getType());
        assertEquals("/dev/termination-log",
                created.getSpec().getTemplate().getSpec().getContainers().get(0).getTerminationMessagePath());
        assertNotNull(created.getMetadata().getUid());
        assertNull(client.apps().deployments().inNamespace(ns).withName("web").get(), "a dry run stores nothing");

        // The API server validates too: a selector that does not match the template's labels is refused.
        KubernetesClientException invalid = assertThrows(KubernetesClientException.class, () ->
                client.apps().deployments().inNamespace(ns).resource(deployment("bad", "other")).dryRun().create());
        assertEquals(422, invalid.getCode());
    }

    static Deployment deployment(String name, String selectorApp) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector().addToMatchLabels("app", selectorApp).endSelector()
                .withNewTemplate()
                .withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("registry.invalid/app:1.0").endContainer().endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }
}
