package io.orca.cli;

import io.orca.apply.ApplyReport;
import io.orca.apply.Phase;
import io.orca.apply.ReleaseResult;
import io.orca.model.Redaction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The text apply and destroy print at the end: diffs (dry run), a table of releases, the failures and a count. */
final class Summaries {
    private Summaries() {
    }

    static String apply(ApplyReport report) {
        StringBuilder b = new StringBuilder();
        for (ReleaseResult r : report.releases()) {
            if (r.diff() != null && !r.diff().isEmpty()) b.append(r.diff()).append(r.diff().endsWith("\n") ? "" : "\n");
        }
        if (b.length() > 0) b.append('\n');
        b.append(table(report.releases()));
        for (ApplyReport.OrganizationResult o : report.organizations().values()) {
            if (o.failure() != null) b.append("organization ").append(o.organization()).append(" (").append(o.cluster())
                    .append("): ").append(o.failure()).append('\n');
            else if (report.dryRun()) o.notes().forEach(n -> b.append("organization ").append(o.organization()).append(": ").append(n).append('\n'));
        }
        b.append(failures(report.releases()));
        b.append(counts(report.releases())).append(" in ").append(duration(report.duration()))
                .append(report.cancelled() ? " (interrupted: the releases marked cancelled were not finished)" : "").append('\n');
        return Redaction.text(b.toString());
    }

    static String table(List<ReleaseResult> releases) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"NAME", "NAMESPACE", "CHART", "VERSION", "STATUS", "DURATION"});
        for (ReleaseResult r : releases) {
            rows.add(new String[]{r.name(), r.namespace(), dash(r.chart()), dash(r.chartVersion()),
                    r.phase().word().toUpperCase(Locale.ROOT), duration(r.duration())});
        }
        return columns(rows);
    }

    static String failures(List<ReleaseResult> releases) {
        StringBuilder b = new StringBuilder();
        for (ReleaseResult r : releases) {
            if (!r.phase().failure()) continue;
            b.append(r.phase().word().toUpperCase(Locale.ROOT)).append(' ').append(r.namespace()).append('/').append(r.name())
                    .append(": ").append(r.message()).append('\n');
        }
        return b.toString();
    }

    static String counts(List<ReleaseResult> releases) {
        Map<Phase, Integer> n = new TreeMap<>();
        releases.forEach(r -> n.merge(r.phase(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        n.forEach((p, c) -> parts.add(c + " " + p.word()));
        return releases.size() + " release(s)" + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
    }

    static String columns(List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]);
                if (i < r.length - 1) line.append(" ".repeat(width[i] - r[i].length() + 2));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    /** 850ms, 12.3s, 2m05s. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) return ms + "ms";
        if (ms < 60_000) return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        return String.format(Locale.ROOT, "%dm%02ds", ms / 60_000, (ms / 1000) % 60);
    }
}
