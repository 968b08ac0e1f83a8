package io.orca.load;

import io.orca.diag.Position;

/**
 * A scalar with its resolved value: {@code null}, {@link Boolean}, {@link Long}, {@link java.math.BigInteger},
 * {@link Double} or {@link String} (YAML 1.1 resolution, as SnakeYAML does it), plus the text as written.
 */
public record YScalar(Object value, String text, boolean plain, Position position, String path, String pointer)
        implements YNode {

    public boolean isNull() {
        return value == null;
    }

    /** The value as text whatever its type ("" for null): what a user meant by {@code version: 4.7}. */
    public String asText() {
        return value == null ? "" : value instanceof String s ? s : text;
    }

    @Override
    public String kind() {
        if (value == null) return "null";
        if (value instanceof Boolean) return "boolean";
        if (value instanceof String) return "string";
        return "number";
    }
}
