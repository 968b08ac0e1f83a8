package io.orca.publish;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A directory of the repository that Orca owns (an organization's {@code release_dir}) with its complete
 * desired content: file paths relative to {@code path} mapped to their bytes. On publish the files Orca wrote
 * there before for this network and no longer lists are deleted; files it did not write stay ({@link Ownership}).
 * An empty map deletes what Orca wrote in the directory.
 *
 * @param organization who the directory belongs to (for reports; may be null)
 * @param path         repository-relative directory, e.g. {@code clusters/org1/releases}
 * @param files        relative path (with '/') → content
 */
public record OwnedDirectory(String organization, String path, SortedMap<String, byte[]> files) {
    public OwnedDirectory {
        Objects.requireNonNull(path, "path");
        path = RepoPaths.normalizeDirectory(path);
        TreeMap<String, byte[]> copy = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : Objects.requireNonNull(files, "files").entrySet()) {
            copy.put(RepoPaths.normalizeFile(path, e.getKey()), Objects.requireNonNull(e.getValue(), e.getKey()).clone());
        }
        files = Collections.unmodifiableSortedMap(copy);
    }

    public static OwnedDirectory of(String organization, String path, Map<String, byte[]> files) {
        return new OwnedDirectory(organization, path, new TreeMap<>(files));
    }

    /** Deletes the directory (a removed organization). */
    public static OwnedDirectory removed(String organization, String path) {
        return new OwnedDirectory(organization, path, new TreeMap<>());
    }
}
