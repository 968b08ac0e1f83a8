package io.orca.helm;

import java.nio.file.Path;
import java.util.Objects;

/** {@code helm template}: a chart folder rendered for a release name and namespace with the given values. */
public record TemplateRequest(ReleaseRef release, Path chart, Values values) {
    public TemplateRequest {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(values, "values");
    }
}
