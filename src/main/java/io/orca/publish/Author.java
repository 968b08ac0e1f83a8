package io.orca.publish;

import java.util.Objects;

/** Commit author and committer: the organization's gitops {@code username} and {@code email}. */
public record Author(String name, String email) {
    public Author {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        if (name.isBlank()) throw new IllegalArgumentException("author name is empty");
    }
}
