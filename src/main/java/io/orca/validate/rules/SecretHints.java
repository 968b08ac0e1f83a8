package io.orca.validate.rules;

import io.orca.load.YMap;
import io.orca.model.SecretKeys;
import io.orca.load.YNode;
import io.orca.load.YSeq;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hints for secret values: a suggested environment variable name for a {@code ${env:NAME}} reference. */
final class SecretHints {
    private static final Pattern TOKEN = Pattern.compile("\\.?([A-Za-z_][A-Za-z0-9_-]*)|\\[(\\d+)]");

    private SecretHints() {
    }

    /**
     * An environment variable name for the value at a path: the names of the named list items on the way (the
     * organization, the service), the key of the mapping that holds the value unless that is a named item, and the
     * key itself. {@code network.organizations[0].gitops.password} in organization alpha gives
     * {@code ALPHA_GITOPS_PASSWORD}; {@code network.docker.password} gives {@code DOCKER_PASSWORD}.
     */
    static String envName(YMap root, String path) {
        List<String> parts = new ArrayList<>();
        YNode node = root;
        String parentKey = null;
        String key = null;
        Matcher m = TOKEN.matcher(path);
        int at = 0;
        while (at < path.length()) {
            if (!m.find(at) || m.start() != at) return sanitize(List.of(SecretKeys.lastKey(path)));
            at = m.end();
            if (m.group(1) != null) {
                parentKey = key;
                key = m.group(1);
                node = node instanceof YMap map ? map.get(key) : null;
            } else {
                int i = Integer.parseInt(m.group(2));
                node = node instanceof YSeq seq && i < seq.size() ? seq.get(i) : null;
                if (node instanceof YMap item && item.text("name").isPresent()) {
                    addName(parts, item.text("name").get());
                    key = null;
                }
            }
        }
        if (key == null) return sanitize(List.of(SecretKeys.lastKey(path)));
        if (parentKey != null && !parentKey.equals("network")) parts.add(parentKey);
        parts.add(key);
        return sanitize(parts);
    }

    /** Adds a name, without repeating the one before it ({@code carrier}, {@code carrier-peer}: CARRIER_PEER). */
    private static void addName(List<String> parts, String name) {
        if (!parts.isEmpty()) {
            String previous = parts.get(parts.size() - 1);
            if (name.equals(previous)) return;
            if (name.startsWith(previous + "-") || name.startsWith(previous + "_")) name = name.substring(previous.length() + 1);
        }
        parts.add(name);
    }

    private static String sanitize(List<String> parts) {
        String s = String.join("_", parts).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (s.isEmpty()) return "SECRET";
        return Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }
}
