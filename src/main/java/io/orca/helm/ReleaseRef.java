package io.orca.helm;

import java.util.Objects;

/** A Helm release: its name and the namespace it lives in (Helm keeps its records there). */
public record ReleaseRef(String name, String namespace) {
    public ReleaseRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
