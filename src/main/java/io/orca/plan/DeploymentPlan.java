package io.orca.plan;

import io.orca.model.Network;

import java.util.List;

/** The plan for a whole network: one {@link OrganizationPlan} per organization, in network.yaml order. */
public record DeploymentPlan(Network network, List<OrganizationPlan> organizations) {
    public DeploymentPlan {
        organizations = List.copyOf(organizations);
    }
}
