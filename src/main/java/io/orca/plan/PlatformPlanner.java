package io.orca.plan;

import io.orca.model.Network;

import java.security.SecureRandom;

/**
 * A platform plug-in (ServiceLoader, META-INF/services/io.orca.plan.PlatformPlanner): turns a resolved network into
 * per-organization releases. Pure: no I/O; existing private material comes in, new material goes out in the plan.
 */
public interface PlatformPlanner {
    /** The network.yaml {@code network.type} it plans. */
    String platform();

    DeploymentPlan plan(Network network, MaterialSource existing, SecureRandom random);
}
