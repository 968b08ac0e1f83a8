package io.orca.apply;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a run of {@code orca apply} did: each release's outcome (planned releases in plan order, then those pruned),
 * what happened to each organization (namespace, Secrets; a refusal), and whether it was interrupted.
 *
 * @param organizations per organization, what was done before its releases, or why none of them was started
 */
public record ApplyReport(List<ReleaseResult> releases, Map<String, OrganizationResult> organizations, boolean cancelled,
                          boolean dryRun, Duration duration) {
    public ApplyReport {
        releases = List.copyOf(releases);
        organizations = Map.copyOf(organizations);
    }

    /** An organization's part: {@code failure} is null when its namespace and Secrets were applied. */
    public record OrganizationResult(String organization, String namespace, String cluster, List<String> notes, String failure) {
        public OrganizationResult {
            notes = List.copyOf(notes);
        }
    }

    public boolean failed() {
        return releases.stream().anyMatch(r -> r.phase().failure())
                || organizations.values().stream().anyMatch(o -> o.failure() != null);
    }

    public boolean changed() {
        return releases.stream().anyMatch(r -> r.phase().change());
    }

    /** 0 all Ready (dry run: nothing would change), 1 a release or an organization failed, 3 dry run: something would change, 130 interrupted. */
    public int exitCode() {
        if (cancelled) return 130;
        if (failed()) return 1;
        if (dryRun && (changed() || organizations.values().stream().anyMatch(o -> !o.notes().isEmpty()))) return 3;
        return 0;
    }
}
