package io.orca.helm;

import java.time.Instant;

/** One line of {@code helm history}: a revision, its status, chart and description ("Install complete", ...). */
public record ReleaseRevision(int revision, Instant updated, String status, String chart, String appVersion,
                              String description) {
}
