package io.orca.load;

import io.orca.diag.Diagnostic;
import io.orca.diag.SourceFile;

import java.util.List;
import java.util.Optional;

/** A loaded file: its source, its document (absent when it could not be read as one) and what went wrong. */
public record LoadResult(SourceFile source, Optional<YNode> document, List<Diagnostic> diagnostics) {
    public LoadResult {
        diagnostics = List.copyOf(diagnostics);
    }
}
