package io.orca.model;

import java.util.Map;
import java.util.Optional;

/**
 * A deployed service of an organization (a validator, a peer, a CA...): its group in network.yaml, its name and
 * its attributes as plain values (the platform plug-in reads what it knows).
 */
public record Service(String group, String name, Map<String, Object> attributes) {
    public Service {
        attributes = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(attributes));
    }

    public boolean flag(String key, boolean fallback) {
        Object v = attributes.get(key);
        if (v instanceof Boolean b) return b;
        if (v instanceof String s) return s.equalsIgnoreCase("enabled") || s.equalsIgnoreCase("true");
        return fallback;
    }

    public Optional<String> text(String key) {
        Object v = attributes.get(key);
        return v == null ? Optional.empty() : Optional.of(String.valueOf(v));
    }

    /** {@code <key>.port}, e.g. port("p2p"). */
    public Optional<Integer> port(String key) {
        return section(key).map(m -> m.get("port")).filter(Number.class::isInstance).map(n -> ((Number) n).intValue());
    }

    /** {@code <key>.enabled}, e.g. enabled("metrics"). */
    public boolean enabled(String key, boolean fallback) {
        Object v = section(key).map(m -> m.get("enabled")).orElse(null);
        return v instanceof Boolean b ? b : fallback;
    }

    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> section(String key) {
        Object v = attributes.get(key);
        return v instanceof Map<?, ?> m ? Optional.of((Map<String, Object>) m) : Optional.empty();
    }
}
