package io.orca.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One organization of the network, resolved.
 *
 * @param attributes every key of the organization's mapping as plain values, for what only a platform plug-in
 *                   knows (Fabric's {@code orderer_org}, Corda's {@code subject}...)
 */
public record Organization(String name, String type, K8s k8s, Gitops gitops, Network.SecretsConfig secrets,
                           List<Service> services, Map<String, Object> attributes) {
    public Organization {
        services = List.copyOf(services);
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    }

    public Organization withGitops(Gitops other) {
        return new Organization(name, type, k8s, other, secrets, services, attributes);
    }

    public Organization withSecrets(Network.SecretsConfig other) {
        return new Organization(name, type, k8s, gitops, other, services, attributes);
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
     * Orca uses its local default ({@code .orca/git/<org>.git}). {@code receiverUrl}: where this machine reaches the
     * organization's Flux webhook receiver ({@code orca bootstrap} makes it, {@code orca publish} calls it).
     */
    public record Gitops(String protocol, String url, String branch, String releaseDir, String chartSource,
                         Optional<String> gitRepo, Optional<String> username, Optional<Secret> password,
                         Optional<Secret> privateKey, String authorName, String email,
                         Optional<ChartRepository> chartRepository, Optional<String> knownHosts, boolean embedded,
                         Optional<String> receiverUrl) {
    }

    /** Charts from a Helm or OCI repository instead of {@code chart_source} in the GitOps repository. */
    public record ChartRepository(String type, String url, Optional<String> version, String interval) {
    }

    public List<Service> services(String group) {
        return services.stream().filter(s -> s.group().equals(group)).toList();
    }
}
