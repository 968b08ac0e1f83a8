package io.orca.diag;

import java.util.Comparator;

/**
 * One problem found in an input: which rule, where (file, position, path into the document), what and how to fix it.
 * Diagnostics are collected and reported together, never thrown.
 *
 * @param path the location in the document, e.g. {@code network.organizations[1].gitops.git_url}; empty for the whole file
 * @param hint how to fix it; may be empty
 */
public record Diagnostic(String ruleId, Severity severity, String file, Position position, String path,
                         String message, String hint) {

    public static final Comparator<Diagnostic> ORDER = Comparator.comparing(Diagnostic::file)
            .thenComparing(Diagnostic::position)
            .thenComparing(Diagnostic::ruleId)
            .thenComparing(Diagnostic::path)
            .thenComparing(Diagnostic::message);

    public Diagnostic {
        hint = hint == null ? "" : hint;
        path = path == null ? "" : path;
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public boolean isWarning() {
        return severity == Severity.WARNING;
    }

    public boolean isInfo() {
        return severity == Severity.INFO;
    }
}
