package io.orca.app;

import io.orca.helm.ChartSource;
import io.orca.helm.HelmEngine;
import io.orca.helm.HelmJavaEngine;
import io.orca.helm.ReleaseRecords;
import io.orca.kube.Fabric8Kubernetes;
import io.orca.kube.KubeTarget;
import io.orca.kube.Kubernetes;
import io.orca.kube.ObjectRef;

import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

/**
 * The real effects, wired together: Helm's engine reading its release records through the Kubernetes seam, and
 * Kubernetes clients per cluster. Use cases take these as parameters, so tests pass the strict fakes instead.
 */
public final class Effects {
    private Effects() {
    }

    /** A client for one cluster (network.yaml's k8s.config_file and k8s.context). */
    public static final Function<KubeTarget, Kubernetes> KUBERNETES = Fabric8Kubernetes::connect;

    /** Helm's engine, with Orca's bundled charts for rollbacks and its release records read through Kubernetes. */
    public static HelmEngine helm(Function<KubeTarget, Kubernetes> clusters) throws IOException {
        return new HelmJavaEngine(ChartSource.directory(TemplateService.ChartLocator.charts()), releaseRecords(clusters));
    }

    /** Helm's record of a revision: the Secret sh.helm.release.v1.NAME.vN, its {@code release} field as stored (base64). */
    static ReleaseRecords releaseRecords(Function<KubeTarget, Kubernetes> clusters) {
        return (target, release, revision) -> {
            try (Kubernetes k = clusters.apply(target)) {
                return k.get(ObjectRef.secret(release.namespace(), ReleaseRecords.secretName(release, revision)))
                        .map(s -> s.get("data") instanceof Map<?, ?> data ? data.get("release") : null)
                        .map(String::valueOf);
            }
        };
    }

}
