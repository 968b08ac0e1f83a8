package io.orca.app;

import io.orca.publish.HelmReleaseRef;
import io.orca.publish.PublishHistory;
import io.orca.publish.PublishStatus;
import io.orca.publish.RepositoryReport;
import io.orca.publish.Rollback;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code orca history} and {@code orca rollback} for people and for scripts ({@code -o json}, shapes in docs/cli.md). */
public final class HistoryFormats {
    private HistoryFormats() {
    }

    public static String text(HistoryService.HistoryResult r) {
        StringBuilder sb = new StringBuilder();
        for (PublishHistory.Log log : r.logs()) {
            sb.append(log.url()).append(" (").append(log.branch()).append("): ");
            if (log.failure() != null) {
                sb.append("FAILED — ").append(log.failure()).append('\n');
                continue;
            }
            sb.append(log.entries().size()).append(log.entries().size() == 1 ? " publish\n" : " publishes\n");
            for (PublishHistory.Entry e : log.entries()) {
                sb.append("  ").append(e.commit(), 0, 12).append("  ").append(e.time().truncatedTo(ChronoUnit.SECONDS))
                        .append("  ").append(e.author()).append(" <").append(e.email()).append(">\n");
                sb.append("    ").append(e.subject()).append('\n');
                sb.append("    releases: ").append(e.addedReleases().size()).append(" added, ").append(e.changedReleases().size())
                        .append(" changed, ").append(e.removedReleases().size()).append(" removed; files: ").append(e.addedFiles())
                        .append(" added, ").append(e.changedFiles()).append(" changed, ").append(e.removedFiles()).append(" removed (")
                        .append(String.join(", ", e.directories())).append(")\n");
                for (HelmReleaseRef h : e.addedReleases()) sb.append("      + ").append(h.directory()).append(": ").append(h).append('\n');
                for (HelmReleaseRef h : e.changedReleases()) sb.append("      ~ ").append(h.directory()).append(": ").append(h).append('\n');
                for (HelmReleaseRef h : e.removedReleases()) sb.append("      - ").append(h.directory()).append(": ").append(h).append('\n');
            }
        }
        return sb.toString();
    }

    /** {@code {"exitCode", "repositories": [{url, branch, head, failure, publishes: [{commit, time, author, email, subject, directories, releases: {added, changed, removed}, files: {added, changed, removed}}]}]}}. */
    public static Map<String, Object> json(HistoryService.HistoryResult r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("exitCode", r.exitCode());
        List<Object> repos = new ArrayList<>();
        for (PublishHistory.Log log : r.logs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("url", log.url());
            m.put("branch", log.branch());
            m.put("head", log.head());
            m.put("failure", log.failure());
            List<Object> entries = new ArrayList<>();
            for (PublishHistory.Entry e : log.entries()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("commit", e.commit());
                x.put("time", e.time().truncatedTo(ChronoUnit.SECONDS).toString());
                x.put("author", e.author());
                x.put("email", e.email());
                x.put("subject", e.subject());
                x.put("directories", e.directories());
                x.put("releases", changes(refs(e.addedReleases()), refs(e.changedReleases()), refs(e.removedReleases())));
                x.put("files", changes(e.addedFiles(), e.changedFiles(), e.removedFiles()));
                entries.add(x);
            }
            m.put("publishes", entries);
            repos.add(m);
        }
        root.put("repositories", repos);
        return root;
    }

    /** Each repository's block (with the diff in a dry run). */
    public static String text(HistoryService.RollbackResult r, boolean dryRun) {
        StringBuilder sb = new StringBuilder();
        for (Rollback.Result x : r.results()) {
            sb.append(x.report().render());
            if (dryRun && !x.report().diff().isEmpty()) sb.append(x.report().diff()).append(x.report().diff().endsWith("\n") ? "" : "\n");
        }
        return sb.toString();
    }

    /** "1 repository: 1 rolled back, 0 unchanged, 0 failed" (dry run: "would roll back"). */
    public static String summary(HistoryService.RollbackResult r, boolean dryRun) {
        List<RepositoryReport> reports = r.results().stream().map(Rollback.Result::report).toList();
        long changed = reports.stream().filter(x -> x.status() == PublishStatus.COMMITTED || x.status() == PublishStatus.WOULD_CHANGE).count();
        long unchanged = reports.stream().filter(x -> x.status() == PublishStatus.UNCHANGED).count();
        long failed = reports.stream().filter(x -> x.status() == PublishStatus.FAILED).count();
        return reports.size() + (reports.size() == 1 ? " repository: " : " repositories: ") + changed
                + (dryRun ? " would roll back, " : " rolled back, ") + unchanged + " unchanged, " + failed + " failed";
    }

    /** {@code {"dryRun", "exitCode", "revision", "repositories": [{url, branch, status, commit, message, files, releases, diff (dry run)}], "wait": [{organization, commit, ready, failure}]}}. */
    public static Map<String, Object> json(HistoryService.RollbackResult r, boolean dryRun, int exitCode, List<HistoryService.Waited> waited) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("dryRun", dryRun);
        root.put("exitCode", exitCode);
        root.put("revision", r.results().stream().map(Rollback.Result::revision).filter(x -> x != null).findFirst().orElse(null));
        List<Object> repos = new ArrayList<>();
        for (Rollback.Result x : r.results()) {
            RepositoryReport rep = x.report();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("url", rep.url());
            m.put("branch", rep.branch());
            m.put("status", rep.status().name().toLowerCase(java.util.Locale.ROOT));
            m.put("commit", rep.commitId());
            m.put("message", rep.message() == null ? "" : rep.message());
            m.put("files", changes(rep.addedFiles(), rep.changedFiles(), rep.removedFiles()));
            m.put("releases", changes(refs(rep.addedReleases()), refs(rep.changedReleases()), refs(rep.removedReleases())));
            if (dryRun) m.put("diff", rep.diff());
            repos.add(m);
        }
        root.put("repositories", repos);
        if (waited != null) {
            List<Object> w = new ArrayList<>();
            for (HistoryService.Waited x : waited) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("organization", x.organization());
                m.put("commit", x.commit());
                m.put("ready", x.state().ready());
                m.put("failure", x.state().failure());
                w.add(m);
            }
            root.put("wait", w);
        }
        return root;
    }

    /** One line per organization waited for. */
    public static String text(List<HistoryService.Waited> waited) {
        StringBuilder sb = new StringBuilder();
        for (HistoryService.Waited w : waited) {
            sb.append("organization ").append(w.organization()).append(": ");
            if (w.state().ready()) sb.append("Ready at ").append(w.commit(), 0, 12).append('\n');
            else sb.append("not Ready at ").append(w.commit() == null ? "-" : w.commit().substring(0, 12)).append(": ")
                    .append(w.state().failure()).append('\n');
        }
        return sb.toString();
    }

    private static List<Object> refs(List<HelmReleaseRef> refs) {
        return PublishFormats.refs(refs);
    }

    private static Map<String, Object> changes(Object added, Object changed, Object removed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("added", added);
        m.put("changed", changed);
        m.put("removed", removed);
        return m;
    }
}
