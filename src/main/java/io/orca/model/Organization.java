package io.orca.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One organization of the network, resolved. */
public record Organization(String name, String type, K8s k8s, Gitops gitops, Network.SecretsConfig secrets,
                           List<Service> services) {
    public Organization {
        services = List.copyOf(services);
    }

    public record K8s(String context, String configFile, Map<String, String> nodeSelector, List<Toleration> tolerations) {
        public K8s {
            nodeSelector = Map.copyOf(nodeSelector);
            tolerations = List.copyOf(tolerations);
        }
    }

    public record Toleration(Optional<String> key, Optional<String> operator, Optional<String> value,
                             Optional<String> effect, Optional<Long> tolerationSeconds) {
    }

    /**
     * Where the organization's releases go. {@code embedded} is true when network.yaml names no repository and
     * Orca uses its local default ({@code .orca/git/<org>.git}).
     */
    public record Gitops(String protocol, String url, String branch, String releaseDir, String chartSource,
                         Optional<String> gitRepo, Optional<String> username, Optional<Secret> password,
                         Optional<Secret> privateKey, String authorName, String email,
                         Optional<ChartRepository> chartRepository, Optional<String> knownHosts, boolean embedded) {
    }

    /** Charts from a Helm or OCI repository instead of {@code chart_source} in the GitOps repository. */
    public record ChartRepository(String type, String url, Optional<String> version, String interval) {
    }

    public List<Service> services(String group) {
        return services.stream().filter(s -> s.group().equals(group)).toList();
    }
}
