package io.orca.helm;

import java.nio.file.Path;

/**
 * The cluster a Helm call talks to: a kubeconfig file and a context in it. A null kubeconfig means Helm's default
 * ({@code $KUBECONFIG}, else {@code ~/.kube/config}); a null context means the kubeconfig's current-context, as in
 * network.yaml's {@code k8s.config_file} and {@code k8s.context}.
 */
public record KubeTarget(Path kubeconfig, String context) {
    public KubeTarget {
        if (context != null && context.isBlank()) context = null;
    }

    public static KubeTarget of(Path kubeconfig) {
        return new KubeTarget(kubeconfig, null);
    }

    @Override
    public String toString() {
        return (kubeconfig == null ? "default kubeconfig" : kubeconfig.toString())
                + (context == null ? "" : " (context " + context + ")");
    }
}
