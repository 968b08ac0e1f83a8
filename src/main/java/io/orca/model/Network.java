package io.orca.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A resolved network: network.yaml with every default applied (by {@link ModelBinder}, the one place defaults live).
 *
 * @param config   the platform's {@code network.config} section as plain values (each platform plug-in reads its own keys)
 * @param sections every key of the {@code network} mapping as plain values, for the sections only a platform
 *                 plug-in knows (Fabric's {@code channels} and {@code orderers}, Quorum's {@code permissioning}...)
 */
public record Network(String platform, String version, Env env, Docker docker, Flux flux, SecretsConfig secrets,
                      Map<String, Object> config, List<Organization> organizations, Source source,
                      Map<String, Object> sections) {
    public Network {
        config = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(config));
        organizations = List.copyOf(organizations);
        sections = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sections));
    }

    /** The same network with other organizations (e.g. every one sent to its embedded repository). */
    public Network withOrganizations(List<Organization> others) {
        return new Network(platform, version, env, docker, flux, secrets, config, others, source, sections);
    }

    /**
     * The network's name, {@code <platform>-<env.type>}: what generated files, commit messages and ownership manifests
     * name it by (never the file's path or hash, which change with every edit: decision 0026).
     */
    public String name() {
        return platform + "-" + env.type();
    }

    /** Where the network came from: the file name and the sha256 of its bytes (reports only, never in generated files). */
    public record Source(String name, String sha256) {
    }

    public record Env(String type, String proxy, int retryCount) {
    }

    public record Docker(String url, Optional<String> username, Optional<Secret> password) {
    }

    /** Flux parameters (Orca's {@code network.flux} extension). */
    public record Flux(String namespace, String interval, String timeout, String driftDetection,
                       Optional<Notifications> notifications) {
    }

    public record Notifications(String providerType, Optional<String> channel, Optional<String> address,
                                Optional<String> secretRef, String eventSeverity) {
    }

    /** Age recipients for SOPS encryption (Orca's {@code secrets} extension). */
    public record SecretsConfig(String provider, List<String> ageRecipients) {
        public SecretsConfig {
            ageRecipients = List.copyOf(ageRecipients);
        }
    }

    public Optional<Organization> organization(String name) {
        return organizations.stream().filter(o -> o.name().equals(name)).findFirst();
    }
}
