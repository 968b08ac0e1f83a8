package io.orca.plan;

import io.orca.model.Network;

import java.util.List;

/**
 * The plan for a whole network: one {@link OrganizationPlan} per organization, in network.yaml order. It is what
 * every output starts from — Flux manifests (GitOps), a direct Helm apply (dev mode), {@code orca template} and the
 * service — and knows none of them.
 */
public record DeploymentPlan(Network network, List<OrganizationPlan> organizations) {
    public DeploymentPlan {
        organizations = List.copyOf(organizations);
    }

    /** The same plan with other organization plans (an output adjusting what it delivers, e.g. SOPS recipients). */
    public DeploymentPlan withOrganizations(List<OrganizationPlan> others) {
        return new DeploymentPlan(network, others);
    }
}
