package io.orca.validate;

import io.orca.model.Names;

import java.util.List;
import java.util.ServiceLoader;

/**
 * A platform plug-in's part in validation (ServiceLoader, META-INF/services/io.orca.validate.PlatformRules): the
 * semantic rules only its platform has, and what it derives from a service that the generic rules check. A platform
 * without one gets the generic rules only.
 */
public interface PlatformRules {
    /** The network.yaml {@code network.type} it validates. */
    String platform();

    /** Rules for this platform only, run after the generic ones. */
    default List<SemanticRule> rules() {
        return List.of();
    }

    /**
     * Rules that only the commands that plan run (never {@code orca validate}): what is valid input but cannot be
     * deployed by Orca, e.g. a platform version whose bootstrap Orca does not build. Their errors stop planning.
     */
    default List<SemanticRule> planningRules() {
        return List.of();
    }

    /** The longest Helm release name Orca derives from a service (ORCA-E023 checks it against Helm's limit). */
    default String longestReleaseName(NetworkView view, String organization, NetworkView.ServiceNode service, String serviceName) {
        return Names.release(organization, serviceName);
    }

    /** How release names are formed, for the hint of ORCA-E023. */
    default String releaseNameHint() {
        return "release names are <organization>-<service>";
    }

    PlatformRules GENERIC = () -> "";

    /** The plug-in of a platform, or {@link #GENERIC}. Only the named platform's provider is instantiated. */
    static PlatformRules of(String platform) {
        for (ServiceLoader.Provider<PlatformRules> p : ServiceLoader.load(PlatformRules.class).stream().toList()) {
            PlatformRules rules = p.get();
            if (rules.platform().equals(platform)) return rules;
        }
        return GENERIC;
    }
}
