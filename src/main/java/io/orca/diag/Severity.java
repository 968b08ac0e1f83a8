package io.orca.diag;

/** How bad a diagnostic is. Errors fail validation; warnings fail it only with {@code --strict}. */
public enum Severity {
    ERROR, WARNING;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
