package io.orca.plan;

/**
 * Private material a planning run generated (no material source had it): only a command that deploys (publish,
 * apply) stores it, so that the next run finds it and keeps the identity.
 */
public record NewMaterial(String organization, SecretPlan secret) {
}
