package io.orca.publish;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Finds {@code kind: HelmRelease} documents in YAML files. Unparsable files simply contain none. */
final class HelmReleases {
    private HelmReleases() {
    }

    static boolean isYaml(String path) {
        return path.endsWith(".yaml") || path.endsWith(".yml");
    }

    /** HelmRelease → a canonical text of its document, for change detection. */
    static Map<HelmReleaseRef, String> find(String directory, byte[] content) {
        Map<HelmReleaseRef, String> out = new TreeMap<>();
        try {
            LoaderOptions opts = new LoaderOptions();
            opts.setAllowDuplicateKeys(true);
            opts.setMaxAliasesForCollections(50);
            Yaml yaml = new Yaml(new SafeConstructor(opts));
            for (Object doc : yaml.loadAll(new String(content, StandardCharsets.UTF_8))) {
                if (!(doc instanceof Map<?, ?> m) || !"HelmRelease".equals(m.get("kind"))) continue;
                if (!(m.get("metadata") instanceof Map<?, ?> meta) || meta.get("name") == null) continue;
                Object ns = meta.get("namespace");
                out.put(new HelmReleaseRef(directory, ns == null ? null : ns.toString(), meta.get("name").toString()),
                        String.valueOf(doc));
            }
        } catch (RuntimeException e) {
            // not YAML (or not only YAML): no releases to report
        }
        return out;
    }
}
