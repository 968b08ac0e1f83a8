package io.orca.app;

import io.orca.publish.HelmReleaseRef;
import io.orca.publish.PublishStatus;
import io.orca.publish.RepositoryReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A publish or diff result for people (one summary line) and for scripts ({@code -o json}, the shape documented in
 * docs/cli.md): plain maps and lists in a fixed key order, so that the same result gives the same bytes.
 */
public final class PublishFormats {
    private PublishFormats() {
    }

    /** "2 repositories: 1 committed, 1 unchanged, 0 failed" (dry run: "would change"). */
    public static String summary(PublishService.Result result, boolean dryRun) {
        List<RepositoryReport> reports = result.report() == null ? List.of() : result.report().repositories();
        long changed = reports.stream().filter(r -> r.status() == PublishStatus.COMMITTED || r.status() == PublishStatus.WOULD_CHANGE).count();
        long unchanged = reports.stream().filter(r -> r.status() == PublishStatus.UNCHANGED).count();
        long failed = reports.stream().filter(r -> r.status() == PublishStatus.FAILED).count();
        return reports.size() + (reports.size() == 1 ? " repository: " : " repositories: ") + changed
                + (dryRun ? " would change, " : " committed, ") + unchanged + " unchanged, " + failed + " failed";
    }

    /**
     * {@code {"dryRun", "exitCode", "repositories": [{url, branch, status, commit, message, attempts, files: {added,
     * changed, removed}, releases: {added, changed, removed}, diff (dry run)}], "warnings"}}.
     */
    public static Map<String, Object> json(PublishService.Result result, boolean dryRun, int exitCode) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("dryRun", dryRun);
        root.put("exitCode", exitCode);
        List<Object> repos = new ArrayList<>();
        if (result.report() != null) {
            for (RepositoryReport r : result.report().repositories()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("url", r.url());
                m.put("branch", r.branch());
                m.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
                m.put("commit", r.commitId());
                m.put("message", r.message() == null ? "" : r.message());
                m.put("attempts", r.attempts());
                m.put("files", changes(r.addedFiles(), r.changedFiles(), r.removedFiles()));
                m.put("releases", changes(refs(r.addedReleases()), refs(r.changedReleases()), refs(r.removedReleases())));
                if (dryRun) m.put("diff", r.diff());
                repos.add(m);
            }
        }
        root.put("repositories", repos);
        root.put("warnings", result.warnings());
        return root;
    }

    private static Map<String, Object> changes(Object added, Object changed, Object removed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("added", added);
        m.put("changed", changed);
        m.put("removed", removed);
        return m;
    }

    static List<Object> refs(List<HelmReleaseRef> refs) {
        List<Object> out = new ArrayList<>();
        for (HelmReleaseRef r : refs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("directory", r.directory());
            m.put("namespace", r.namespace());
            m.put("name", r.name());
            out.add(m);
        }
        return out;
    }
}
