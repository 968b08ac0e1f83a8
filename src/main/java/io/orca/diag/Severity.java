package io.orca.diag;

/**
 * How bad a diagnostic is. Errors fail validation; warnings fail it only with {@code --strict}; infos never do (they
 * say something worth knowing, e.g. that Orca accepts a key of Bevel's but does not use it).
 */
public enum Severity {
    ERROR, WARNING, INFO;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
