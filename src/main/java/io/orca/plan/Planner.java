package io.orca.plan;

import io.orca.model.Network;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the platform plug-in for a network and runs it. */
public final class Planner {
    private Planner() {
    }

    public static Optional<PlatformPlanner> forPlatform(String platform) {
        return ServiceLoader.load(PlatformPlanner.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.platform().equals(platform)).findFirst();
    }

    public static List<String> supportedPlatforms() {
        return ServiceLoader.load(PlatformPlanner.class).stream().map(p -> p.get().platform()).sorted().toList();
    }

    public static DeploymentPlan plan(Network network, MaterialSource existing, SecureRandom random) {
        PlatformPlanner planner = forPlatform(network.platform()).orElseThrow(() ->
                new UnsupportedPlatformException(network.platform()));
        return planner.plan(network, existing, random);
    }

    /** Planning a platform Orca validates but cannot deploy yet. */
    public static final class UnsupportedPlatformException extends RuntimeException {
        public UnsupportedPlatformException(String platform) {
            super("planning " + platform + " networks is not supported yet; supported: " + String.join(", ", supportedPlatforms()));
        }
    }
}
