package io.orca.publish;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A directory that Orca writes with the same content for every network that needs it — a chart folder
 * {@code <chart_source>/<chart>} — so several networks publishing to one repository may co-own it
 * ({@link SharedOwnership}, decision 0027): each publish adds its network to the directory's owners, a network that no
 * longer needs it leaves, and the last one to leave deletes it. Content that differs from what the other owners wrote
 * fails the publish instead of changing their directory under them.
 *
 * @param path  repository-relative directory
 * @param label what it holds, for the manifest and messages (e.g. {@code chart besu-node 0.1.0})
 * @param files relative path (with '/') → content; never empty
 */
public record SharedDirectory(String path, String label, SortedMap<String, byte[]> files) {
    public SharedDirectory {
        Objects.requireNonNull(path, "path");
        path = RepoPaths.normalizeDirectory(path);
        label = Objects.requireNonNull(label, "label").replaceAll("[\\p{Cntrl}]", "_");
        TreeMap<String, byte[]> copy = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : Objects.requireNonNull(files, "files").entrySet()) {
            copy.put(RepoPaths.normalizeFile(path, e.getKey()), Objects.requireNonNull(e.getValue(), e.getKey()).clone());
        }
        if (copy.isEmpty()) throw new IllegalArgumentException("shared directory '" + path + "' has no files");
        files = Collections.unmodifiableSortedMap(copy);
    }

    /** Same path, label and bytes. */
    boolean sameContent(SharedDirectory o) {
        if (!path.equals(o.path) || !label.equals(o.label) || !files.keySet().equals(o.files.keySet())) return false;
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            if (!java.util.Arrays.equals(e.getValue(), o.files.get(e.getKey()))) return false;
        }
        return true;
    }
}
