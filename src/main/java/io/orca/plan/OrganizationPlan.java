package io.orca.plan;

import io.orca.model.Organization;

import java.util.List;

/** What Orca deploys for one organization: its namespace, its releases in dependency order, and the Secrets they need. */
public record OrganizationPlan(Organization organization, String namespace, List<ReleasePlan> releases,
                               List<SecretPlan> secrets) {
    public OrganizationPlan {
        releases = List.copyOf(releases);
        secrets = List.copyOf(secrets);
    }
}
