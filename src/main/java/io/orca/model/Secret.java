package io.orca.model;

import java.util.Objects;

/**
 * A secret value (password, token, private key, cloud key). Its {@code toString} never shows the value,
 * so a Secret can travel through records, logs and diagnostics without leaking; {@link #reveal()} is the
 * one explicit way to read it, used only at the edge that needs the plaintext (a Git transport, an encryptor).
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return "***";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
