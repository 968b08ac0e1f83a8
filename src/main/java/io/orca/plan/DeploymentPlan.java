package io.orca.plan;

import io.orca.model.Network;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plan for a whole network: one {@link OrganizationPlan} per organization, in network.yaml order, and the
 * Secrets that belong to a GitOps repository rather than to an organization (Flux's Git credentials), by
 * repository key ({@code FluxRenderer.repoKey}).
 */
public record DeploymentPlan(Network network, List<OrganizationPlan> organizations, Map<String, SecretPlan> repositorySecrets) {
    public DeploymentPlan {
        organizations = List.copyOf(organizations);
        repositorySecrets = Collections.unmodifiableMap(new TreeMap<>(repositorySecrets));
    }

    public DeploymentPlan(Network network, List<OrganizationPlan> organizations) {
        this(network, organizations, Map.of());
    }
}
