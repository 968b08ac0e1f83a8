package io.orca.model;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reads the platform knowledge bundled from {@code platforms/<platform>/platform.yaml}. */
public final class Platforms {
    public static final List<String> ALL = List.of("fabric", "besu", "quorum", "indy", "corda", "corda-enterprise", "substrate");
    private static final Map<String, Map<String, Object>> CACHE = new ConcurrentHashMap<>();

    private Platforms() {
    }

    /** The platform's descriptor as plain maps, or an empty map for an unknown platform. */
    public static Map<String, Object> descriptor(String platform) {
        if (!ALL.contains(platform)) return Map.of();
        return CACHE.computeIfAbsent(platform, Platforms::read);
    }

    /**
     * The suffix of an organization's namespace ({@code namespace_suffix}), Bevel's, so that clusters Bevel
     * bootstrapped keep working; "-ns" for a platform without a descriptor.
     */
    public static String namespaceSuffix(String platform) {
        Object v = descriptor(platform).get("namespace_suffix");
        return v == null ? "-ns" : String.valueOf(v);
    }

    /** The service group whose members run consensus ({@code consensus_group}; "validators" unless said). */
    public static String consensusGroup(String platform) {
        Object v = descriptor(platform).get("consensus_group");
        return v == null ? "validators" : String.valueOf(v);
    }

    /** The components whose releases pull images with the registry credentials of network.docker ({@code pull_secrets}). */
    public static List<String> pullSecretComponents(String platform) {
        Object v = descriptor(platform).get("pull_secrets");
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) l.forEach(c -> out.add(String.valueOf(c)));
        return out;
    }

    /** Whether Orca deploys the platform ({@code plannable}; PlatformDescriptorTest keeps it in step with the planners). */
    public static boolean plannable(String platform) {
        return Boolean.TRUE.equals(descriptor(platform).get("plannable"));
    }

    /**
     * Keys of Bevel's network.yaml that Orca accepts for the platform but does not use ({@code unused_keys}), by path
     * below {@code network} ({@code organizations[].vault}; {@code []} is any list item), each with why. ORCA-I001.
     */
    public static Map<String, String> unusedKeys(String platform) {
        Object v = descriptor(platform).get("unused_keys");
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (v instanceof Map<?, ?> m) m.forEach((k, reason) -> out.put(String.valueOf(k), reason == null ? "" : String.valueOf(reason)));
        return out;
    }

    /** The network.yaml {@code version} values Orca supports for a platform, in file order. */
    public static List<String> supportedVersions(String platform) {
        Object versions = descriptor(platform).get("versions");
        List<String> out = new ArrayList<>();
        if (versions instanceof Map<?, ?> m) m.keySet().forEach(k -> out.add(String.valueOf(k)));
        else if (versions instanceof List<?> l) l.forEach(k -> out.add(String.valueOf(k)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String platform) {
        String resource = "platforms/" + platform + "/platform.yaml";
        try (InputStream in = Platforms.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) return Map.of();
            Object o = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
