package io.orca.publish;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds {@code kind: HelmRelease} documents in YAML files. Unparsable files simply contain none.
 * Block-style manifests (what generators write) are read by a line scanner; anything else (flow style,
 * anchors, quoting it does not understand) goes through SnakeYAML. A first publish reads ~1,000 files,
 * where SnakeYAML alone costs seconds in a fresh JVM.
 */
final class HelmReleases {
    private static final Pattern TOP_KEY = Pattern.compile("^([A-Za-z_][A-Za-z0-9_.-]*):(.*)$");
    // Possessive blanks: with an empty middle, "\\s*" twice would split a run of spaces every way (quadratic).
    private static final Pattern PLAIN = Pattern.compile("^\\s*+(?:\"([^\"\\\\]*)\"|'([^']*)'|([A-Za-z0-9_.:/-]*))\\s*+$");

    private HelmReleases() {
    }

    static boolean isYaml(String path) {
        return path.endsWith(".yaml") || path.endsWith(".yml");
    }

    /** HelmRelease → the text of its document, for change detection. */
    static Map<HelmReleaseRef, String> find(String directory, byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        Map<HelmReleaseRef, String> out = new TreeMap<>();
        if (!text.contains("HelmRelease")) return out;
        for (String doc : text.split("(?m)^---[ \\t]*(?:#.*)?$")) {
            if (!doc.contains("HelmRelease")) continue;
            Map<HelmReleaseRef, String> found = scan(directory, doc);
            if (found == null) found = parse(directory, doc);
            out.putAll(found);
        }
        return out;
    }

    /** The line scanner; null when the document is not plain block style. */
    private static Map<HelmReleaseRef, String> scan(String directory, String doc) {
        String kind = null;
        String name = null;
        String namespace = null;
        boolean inMetadata = false;
        int metaIndent = -1;
        for (String raw : doc.split("\n")) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isBlank() || line.stripLeading().startsWith("#")) continue;
            if (line.contains("&") || line.contains("*") && line.contains(": *") || line.startsWith("%") || line.startsWith("..."))
                return null;
            if (!Character.isWhitespace(line.charAt(0))) {
                Matcher m = TOP_KEY.matcher(line);
                if (!m.matches()) return null;
                String key = m.group(1);
                String value = m.group(2);
                inMetadata = false;
                if (key.equals("kind")) {
                    kind = scalar(value);
                    if (kind == null) return null;
                } else if (key.equals("metadata")) {
                    if (!value.isBlank() && !value.strip().startsWith("#")) return null; // flow style
                    inMetadata = true;
                    metaIndent = -1;
                }
                continue;
            }
            if (!inMetadata) continue;
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') indent++;
            if (indent < line.length() && line.charAt(indent) == '\t') return null;
            if (metaIndent < 0) metaIndent = indent;
            if (indent != metaIndent) continue;
            String body = line.substring(indent);
            if (body.startsWith("name:")) {
                name = scalar(body.substring(5));
                if (name == null) return null;
            } else if (body.startsWith("namespace:")) {
                namespace = scalar(body.substring(10));
                if (namespace == null) return null;
            }
        }
        Map<HelmReleaseRef, String> out = new TreeMap<>();
        if (!"HelmRelease".equals(kind)) return kind == null ? null : out;
        if (name == null || name.isEmpty()) return null;
        out.put(new HelmReleaseRef(directory, namespace == null || namespace.isEmpty() ? null : namespace, name), doc.strip());
        return out;
    }

    private static String scalar(String value) {
        String v = value;
        int hash = v.indexOf(" #");
        if (hash >= 0) v = v.substring(0, hash);
        Matcher m = PLAIN.matcher(v);
        if (!m.matches()) return null;
        return m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
    }

    private static Map<HelmReleaseRef, String> parse(String directory, String doc) {
        Map<HelmReleaseRef, String> out = new TreeMap<>();
        try {
            LoaderOptions opts = new LoaderOptions();
            opts.setAllowDuplicateKeys(true);
            opts.setMaxAliasesForCollections(50);
            Object parsed = new Yaml(new SafeConstructor(opts)).load(doc);
            if (!(parsed instanceof Map<?, ?> m) || !"HelmRelease".equals(m.get("kind"))) return out;
            if (!(m.get("metadata") instanceof Map<?, ?> meta) || meta.get("name") == null) return out;
            Object ns = meta.get("namespace");
            out.put(new HelmReleaseRef(directory, ns == null ? null : ns.toString(), meta.get("name").toString()), doc.strip());
        } catch (RuntimeException e) {
            // not YAML: no releases to report
        }
        return out;
    }
}
