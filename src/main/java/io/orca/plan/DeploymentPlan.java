package io.orca.plan;

import io.orca.model.Network;

import java.util.List;

/**
 * The plan for a whole network: one {@link OrganizationPlan} per organization, in network.yaml order. It is what
 * every output starts from — Flux manifests (GitOps), a direct Helm apply (dev mode), {@code orca template} and the
 * service — and knows none of them. {@code warnings} are what the planner could plan only in part, found in material
 * rather than in the file (e.g. a channel update Orca holds too few admin keys to sign), each a whole line
 * {@code warning <rule ID> at <where>: <message> (<hint>)}; every front end shows them with the plan.
 */
public record DeploymentPlan(Network network, List<OrganizationPlan> organizations, List<String> warnings) {
    public DeploymentPlan {
        organizations = List.copyOf(organizations);
        warnings = List.copyOf(warnings);
    }

    public DeploymentPlan(Network network, List<OrganizationPlan> organizations) {
        this(network, organizations, List.of());
    }

    /** The same plan with other organization plans (an output adjusting what it delivers, e.g. SOPS recipients). */
    public DeploymentPlan withOrganizations(List<OrganizationPlan> others) {
        return new DeploymentPlan(network, others, warnings);
    }
}
