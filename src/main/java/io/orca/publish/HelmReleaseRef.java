package io.orca.publish;

/** A HelmRelease found in a published YAML file: its owned directory, namespace (may be null) and name. */
public record HelmReleaseRef(String directory, String namespace, String name) implements Comparable<HelmReleaseRef> {
    @Override
    public int compareTo(HelmReleaseRef o) {
        return toString().compareTo(o.toString()) != 0 ? toString().compareTo(o.toString())
                : directory.compareTo(o.directory);
    }

    /** {@code namespace/name}, or {@code name} without namespace. */
    @Override
    public String toString() {
        return namespace == null ? name : namespace + "/" + name;
    }
}
