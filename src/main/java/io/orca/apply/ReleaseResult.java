package io.orca.apply;

import java.time.Duration;

/**
 * A release's state in a run: its phase (the outcome once {@link Phase#done()}), revision, time spent and, for
 * a failure, why (Helm's error, the workloads not ready, the warning events); for a dry run, the diff.
 */
public record ReleaseResult(String organization, String namespace, String name, String chart, String chartVersion,
                            Phase phase, int revision, Duration duration, String message, String diff) {
    public String key() {
        return organization + "/" + name;
    }

    ReleaseResult with(Phase p, int rev, Duration d, String m) {
        return new ReleaseResult(organization, namespace, name, chart, chartVersion, p, rev, d, m, diff);
    }

    ReleaseResult withDiff(String d) {
        return new ReleaseResult(organization, namespace, name, chart, chartVersion, phase, revision, duration, message, d);
    }
}
