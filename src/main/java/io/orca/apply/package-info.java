/**
 * Dev mode's engine: the planned releases installed straight into each organization's cluster through the Helm seam,
 * in dependency order, concurrently, with readiness judged through the Kubernetes seam; status and destroy of what
 * it installed. Knows the plan's shape only through the units {@code io.orca.app} hands it (no platform, no GitOps).
 */
package io.orca.apply;
