package io.orca.testcluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.orca.testing.GitHttpBackendServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flux end to end: source-controller clones a smart-HTTP Git server on loopback, builds a chart from it, and
 * helm-controller installs it; the Deployment's Pods run on kwok nodes and the Deployment becomes Available.
 */
@ClusterTest
class FluxHelmReleaseSmokeTest {

    @Test
    void helmReleaseFromGitRepositoryIsInstalledAndAvailable(TestCluster cluster, @TempDir Path tmp) throws Exception {
        KubernetesClient client = cluster.client();
        String ns = cluster.createNamespace("flux-helm");
        try (GitHttpBackendServer git = GitHttpBackendServer.start(tmp.resolve("srv"))) {
            GitWork work = GitWork.create(git, "charts.git", "main", tmp.resolve("work"));
            work.write("charts/tiny/Chart.yaml", """
                    apiVersion: v2
                    name: tiny
                    version: 0.1.0
                    """);
            work.write("charts/tiny/values.yaml", "replicas: 1\n");
            work.write("charts/tiny/templates/deployment.yaml", """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: {{ .Release.Name }}-web
                    spec:
                      replicas: {{ .Values.replicas }}
                      selector:
                        matchLabels:
                          app: {{ .Release.Name }}-web
                      template:
                        metadata:
                          labels:
                            app: {{ .Release.Name }}-web
                        spec:
                          containers:
                            - name: web
                              image: registry.invalid/web:1.0
                    """);
            String sha = work.commitAndPush("tiny chart");

            Flux.create(client, ns, Flux.gitRepository("charts", work.url(), "main"));
            GenericKubernetesResource repo = Flux.ready(client, "GitRepository", ns, "charts");
            assertEquals("main@sha1:" + sha, Flux.artifactRevision(repo));

            Flux.create(client, ns, """
                    apiVersion: helm.toolkit.fluxcd.io/v2
                    kind: HelmRelease
                    metadata:
                      name: tiny
                    spec:
                      interval: 1m
                      timeout: 2m
                      chart:
                        spec:
                          chart: ./charts/tiny
                          reconcileStrategy: Revision
                          sourceRef:
                            kind: GitRepository
                            name: charts
                      values:
                        replicas: 2
                    """);
            GenericKubernetesResource release = Flux.ready(client, "HelmRelease", ns, "tiny");
            assertEquals("True", Await.condition(release, "Released").get("status"), "Released condition");

            Deployment deployment = Await.until(Flux.TIMEOUT, "Deployment " + ns + "/tiny-web Available",
                    () -> client.apps().deployments().inNamespace(ns).withName("tiny-web").get(),
                    d -> d != null && d.getStatus() != null && d.getStatus().getConditions() != null
                            && d.getStatus().getConditions().stream()
                            .anyMatch(c -> c.getType().equals("Available") && c.getStatus().equals("True")));
            assertEquals(2, deployment.getSpec().getReplicas(), "values from the HelmRelease");
            assertEquals(2, deployment.getStatus().getReadyReplicas());
            assertEquals("tiny", deployment.getMetadata().getAnnotations().get("meta.helm.sh/release-name"));
            assertTrue(client.pods().inNamespace(ns).withLabel("app", "tiny-web").list().getItems().stream()
                    .allMatch(p -> p.getSpec().getNodeName().startsWith("kwok-node-")));
        }
    }
}
