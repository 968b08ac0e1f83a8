package io.orca.helm;

import java.nio.file.Path;
import java.util.Objects;

/** A release to install or upgrade: which release, from which chart folder, with which values, on which cluster. */
public record ReleaseRequest(ReleaseRef release, Path chart, Values values, KubeTarget target) {
    public ReleaseRequest {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(target, "target");
    }
}
