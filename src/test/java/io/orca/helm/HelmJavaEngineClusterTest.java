package io.orca.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.orca.testcluster.Await;
import io.orca.testcluster.ClusterTest;
import io.orca.testcluster.TestCluster;
import io.orca.testing.Project;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The helm-java engine against the test cluster's real API server: install (waited to Ready: kwok marks the Pods
 * Ready), upgrade, status, history, get, list, rollback, uninstall; a readiness timeout with and without atomic;
 * the kube context chosen by cutting the kubeconfig down. The chart is src/test/resources/helm/demo.
 */
@ClusterTest
class HelmJavaEngineClusterTest {
    private static final Path DEMO = Project.dir().resolve("src/test/resources/helm/demo");
    private static final UpgradeOptions WAIT = UpgradeOptions.DEFAULT.withTimeout(Duration.ofMinutes(2));

    @Test
    void installUpgradeRollbackAndUninstallThroughTheSeam(TestCluster cluster) throws Exception {
        KubernetesClient k8s = cluster.client();
        HelmEngine helm = engine(k8s);
        KubeTarget target = new KubeTarget(cluster.kubeconfig(), currentContext(cluster.kubeconfig()));
        String ns = cluster.createNamespace("helm");
        ReleaseRef demo = new ReleaseRef("demo", ns);

        assertEquals(Optional.empty(), helm.status(target, demo));
        assertEquals(List.of(), helm.history(target, demo));
        assertFalse(helm.uninstall(target, demo), "nothing to uninstall");

        ReleaseStatus installed = helm.upgrade(request(demo, target, "message: hello\nreplicas: 2\n"), WAIT);
        assertEquals(new ReleaseStatus("demo", ns, 1, "deployed", "demo-0.1.0", "1.0", installed.updated()), installed);
        assertNotNull(installed.updated());
        // waitReady: when upgrade returns, the Deployment is available.
        Deployment d = k8s.apps().deployments().inNamespace(ns).withName("demo").get();
        assertEquals(2, d.getStatus().getReadyReplicas(), "ready replicas when Helm returned");
        assertEquals("hello", configMessage(k8s, ns));

        ReleaseStatus upgraded = helm.upgrade(request(demo, target, "message: world\n"), WAIT);
        assertEquals(2, upgraded.revision());
        assertEquals("world", configMessage(k8s, ns));
        assertEquals(1, k8s.apps().deployments().inNamespace(ns).withName("demo").get().getSpec().getReplicas(),
                "values not given are reset to the chart's, not reused from the last revision");

        ReleaseContent first = helm.get(target, demo, OptionalInt.of(1));
        assertEquals(Map.of("message", "hello", "replicas", 2), yaml(first.values()));
        assertTrue(first.manifest().contains("kind: Deployment") && first.manifest().contains("\"hello\""), first.manifest());
        ReleaseContent latest = helm.get(target, demo, OptionalInt.empty());
        assertEquals(2, latest.revision());
        assertEquals(Map.of("message", "world"), yaml(latest.values()));

        ReleaseStatus rolledBack = helm.rollback(target, demo, 1, WAIT);
        assertEquals(3, rolledBack.revision());
        assertEquals("deployed", rolledBack.status());
        assertEquals("hello", configMessage(k8s, ns));
        assertEquals(2, k8s.apps().deployments().inNamespace(ns).withName("demo").get().getSpec().getReplicas());
        assertEquals(first.manifest(), helm.get(target, demo, OptionalInt.of(3)).manifest(), "revision 3 is revision 1 again");
        List<ReleaseRevision> history = helm.history(target, demo);
        assertEquals(List.of(1, 2, 3), history.stream().map(ReleaseRevision::revision).toList());
        assertEquals(List.of("superseded", "superseded", "deployed"), history.stream().map(ReleaseRevision::status).toList());
        assertEquals("Install complete", history.get(0).description());
        assertEquals("Rollback to 1", history.get(2).description());

        assertEquals(List.of("demo"), helm.list(target, ns).stream().map(ReleaseStatus::name).toList());
        assertTrue(helm.list(target, null).stream().anyMatch(r -> r.ref().equals(demo)), "all namespaces");

        HelmException noRevision = assertThrows(HelmException.class, () -> helm.rollback(target, demo, 9, WAIT));
        assertEquals("rollback " + demo + ": no revision 9 (it has [1, 2, 3])", noRevision.getMessage());
        HelmException noChart = assertThrows(HelmException.class, () ->
                new HelmJavaEngine(ChartSource.NONE, records(k8s)).rollback(target, demo, 2, WAIT));
        assertTrue(noChart.getMessage().contains("its chart demo-0.1.0 is not available here"), noChart.getMessage());

        assertTrue(helm.uninstall(target, demo));
        assertEquals(Optional.empty(), helm.status(target, demo));
        assertEquals(List.of(), helm.history(target, demo), "history deleted with the release");
        // Uninstall does not wait: the caller waits for the objects to go, through the Kubernetes API.
        Await.until(Duration.ofSeconds(60), "Deployment demo deleted",
                () -> k8s.apps().deployments().inNamespace(ns).withName("demo").get(), x -> x == null);
        assertFalse(helm.uninstall(target, demo), "a second uninstall finds nothing");
    }

    @Test
    void aReadinessTimeoutFailsNamingTheReleaseAndAtomicRestoresThePreviousRevision(TestCluster cluster) throws Exception {
        KubernetesClient k8s = cluster.client();
        HelmEngine helm = engine(k8s);
        KubeTarget target = KubeTarget.of(cluster.kubeconfig());
        String ns = cluster.createNamespace("helm-fail");
        ReleaseRef demo = new ReleaseRef("demo", ns);
        helm.upgrade(request(demo, target, "message: good\n"), WAIT);

        // No node carries this label: the new Pods stay Pending, the Deployment never becomes available.
        String unschedulable = "message: bad\nnodeSelector: {orca.io/nowhere: \"true\"}\n";
        UpgradeOptions brief = WAIT.withTimeout(Duration.ofSeconds(5));
        long start = System.nanoTime();
        HelmException failed = assertThrows(HelmException.class, () -> helm.upgrade(request(demo, target, unschedulable), brief));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 60, "the timeout is honoured");
        assertTrue(failed.getMessage().startsWith("upgrade " + demo + ": "), failed.getMessage());
        assertEquals("failed", helm.status(target, demo).orElseThrow().status());
        assertEquals(2, helm.status(target, demo).orElseThrow().revision());

        HelmException atomic = assertThrows(HelmException.class, () ->
                helm.upgrade(request(demo, target, unschedulable), brief.withAtomic(true)));
        assertTrue(atomic.getMessage().contains("rolled back") || atomic.getMessage().contains("rollback"), atomic.getMessage());
        ReleaseStatus after = helm.status(target, demo).orElseThrow();
        assertEquals("deployed", after.status());
        assertEquals(4, after.revision(), "3 failed, 4 is the automatic rollback");
        assertEquals("good", configMessage(k8s, ns), "atomic rolled back to the last successful revision (1)");
        assertEquals(Map.of("message", "bad", "nodeSelector", Map.of("orca.io/nowhere", "true")),
                yaml(helm.get(target, demo, OptionalInt.of(2)).values()));
        helm.uninstall(target, demo);
    }

    @Test
    void aFailedFirstInstallWithAtomicLeavesNoRelease(TestCluster cluster) {
        HelmEngine helm = engine(cluster.client());
        KubeTarget target = KubeTarget.of(cluster.kubeconfig());
        String ns = cluster.createNamespace("helm-atomic");
        ReleaseRef demo = new ReleaseRef("demo", ns);
        long start = System.nanoTime();
        HelmException e = assertThrows(HelmException.class, () -> helm.upgrade(
                request(demo, target, "nodeSelector: {orca.io/nowhere: \"true\"}\n"),
                WAIT.withTimeout(Duration.ofSeconds(5)).withAtomic(true)));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 60, "the install's timeout is honoured");
        assertTrue(e.getMessage().startsWith("install " + demo + ": "), e.getMessage());
        assertEquals(Optional.empty(), helm.status(target, demo), "atomic install uninstalled the failed release");
    }

    @Test
    void anUnknownContextIsAClearErrorBeforeHelmRuns(TestCluster cluster) throws Exception {
        HelmEngine helm = engine(cluster.client());
        KubeTarget target = new KubeTarget(cluster.kubeconfig(), "nope");
        HelmException e = assertThrows(HelmException.class, () -> helm.status(target, new ReleaseRef("demo", "default")));
        assertEquals("context 'nope' not found in kubeconfig " + cluster.kubeconfig() + " (it has: "
                + currentContext(cluster.kubeconfig()) + ")", e.getMessage());
    }

    private static HelmEngine engine(KubernetesClient k8s) {
        return new HelmJavaEngine(ChartSource.directory(DEMO.getParent()), records(k8s));
    }

    /** Helm's record Secret read with fabric8 (tests only; main code has no Kubernetes client yet). */
    static ReleaseRecords records(KubernetesClient k8s) {
        return (target, release, revision) -> {
            Secret s = k8s.secrets().inNamespace(release.namespace()).withName(ReleaseRecords.secretName(release, revision)).get();
            return s == null || s.getData() == null ? Optional.empty() : Optional.ofNullable(s.getData().get("release"));
        };
    }

    private static ReleaseRequest request(ReleaseRef release, KubeTarget target, String values) {
        return new ReleaseRequest(release, DEMO, Values.yaml(values), target);
    }

    private static String configMessage(KubernetesClient k8s, String ns) {
        ConfigMap cm = k8s.configMaps().inNamespace(ns).withName("demo-config").get();
        return cm.getData().get("message");
    }

    private static Map<String, Object> yaml(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    private static String currentContext(Path kubeconfig) throws Exception {
        Map<String, Object> c = yaml(Files.readString(kubeconfig));
        return (String) c.get("current-context");
    }
}
