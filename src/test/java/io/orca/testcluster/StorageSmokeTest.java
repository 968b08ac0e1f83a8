package io.orca.testcluster;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The test cluster provisions storage as real clusters do: a StatefulSet with a volume claim template gets its claim
 * bound by the default StorageClass's dynamic provisioner and becomes Ready — persistence stays on in tests.
 */
@ClusterTest
class StorageSmokeTest {
    @Test
    void theDefaultStorageClassIsServedByADynamicProvisioner(KubernetesClient client) {
        StorageClass standard = client.storage().v1().storageClasses().withName("standard").get();
        assertEquals("true", standard.getMetadata().getAnnotations().get("storageclass.kubernetes.io/is-default-class"));
        assertEquals("kubernetes.io/host-path", standard.getProvisioner());
    }

    @Test
    void aStatefulSetWithAVolumeClaimTemplateBecomesReady(TestCluster cluster) {
        KubernetesClient client = cluster.client();
        String ns = cluster.createNamespace("storage");
        StatefulSet set = new StatefulSetBuilder()
                .withNewMetadata().withName("db").endMetadata()
                .withNewSpec().withReplicas(1).withServiceName("db")
                .withNewSelector().withMatchLabels(Map.of("app", "db")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "db")).endMetadata()
                .withNewSpec().addNewContainer().withName("db").withImage("registry.invalid/db:1.0")
                .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount().endContainer().endSpec()
                .endTemplate()
                .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce")
                .withNewResources().withRequests(Map.of("storage", new Quantity("1Gi"))).endResources().endSpec()
                .endVolumeClaimTemplate()
                .endSpec().build();
        client.apps().statefulSets().inNamespace(ns).resource(set).create();
        StatefulSet ready = Await.until(Duration.ofSeconds(90), "StatefulSet " + ns + "/db ready",
                () -> client.apps().statefulSets().inNamespace(ns).withName("db").get(),
                s -> s != null && s.getStatus() != null && Integer.valueOf(1).equals(s.getStatus().getReadyReplicas()));
        assertEquals(1, ready.getStatus().getReadyReplicas());
        PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(ns).withName("data-db-0").get();
        assertEquals("Bound", claim.getStatus().getPhase());
        PersistentVolume volume = client.persistentVolumes().withName(claim.getSpec().getVolumeName()).get();
        assertEquals("standard", volume.getSpec().getStorageClassName());
        assertTrue(Files.isDirectory(Path.of(volume.getSpec().getHostPath().getPath())), "the provisioner made the volume's folder");

        // Reclaim policy Delete: once the claim is gone, the provisioner deletes the volume (and its folder).
        client.persistentVolumeClaims().inNamespace(ns).withName("data-db-0").delete();
        client.apps().statefulSets().inNamespace(ns).withName("db").delete();
        Await.until(Duration.ofSeconds(90), "PersistentVolume " + volume.getMetadata().getName() + " deleted",
                () -> client.persistentVolumes().withName(volume.getMetadata().getName()).get(), v -> v == null);
    }
}
