package io.orca.apply;

import io.orca.kube.KubeTarget;

import java.util.List;
import java.util.Map;

/**
 * What dev mode delivers to one organization's cluster: its namespace, its Secrets (as Kubernetes objects, data
 * base64-encoded; they never leave this process but to the API server) and its releases in dependency order.
 *
 * @param network the network's identity ({@code <platform>-<env.type>}): the inventory records it, so that a namespace
 *                holding another network's releases is never pruned into
 */
public record OrganizationUnit(String organization, String network, String namespace, KubeTarget target,
                               List<Map<String, Object>> secrets, List<ReleaseUnit> releases) {
    public OrganizationUnit {
        secrets = List.copyOf(secrets);
        releases = List.copyOf(releases);
    }
}
