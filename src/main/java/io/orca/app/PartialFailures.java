package io.orca.app;

import io.orca.plan.NewMaterial;
import io.orca.publish.GitTarget;
import io.orca.publish.PublishReport;
import io.orca.publish.PublishStatus;
import io.orca.publish.Redaction;
import io.orca.publish.RepositoryReport;
import io.orca.render.FluxRenderer;
import io.orca.render.RepositoryTree;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A publish where some repositories could not be read (unreachable, refused credentials...): the others are published,
 * each failed one is reported FAILED with its organizations and a one-line reason, and the exit code is 1
 * (decision 0026).
 */
final class PartialFailures {
    private PartialFailures() {
    }

    /**
     * The refusal when keys were drawn for an organization whose repository could not be read: that repository may
     * hold the organization's keys already (a machine without them reads their public halves from it), and the other
     * repositories would be published naming keys nobody deploys. Null when there is none.
     */
    static String drawnForUnreadable(GenerateService.Outcome outcome, Map<String, String> failed) {
        if (failed.isEmpty()) return null;
        Set<String> unreadable = new LinkedHashSet<>();
        for (RepositoryTree t : outcome.trees()) {
            if (failed.containsKey(FluxRenderer.repoKey(t.gitops()))) unreadable.addAll(t.organizations());
        }
        Set<String> drawn = new LinkedHashSet<>();
        for (NewMaterial m : outcome.newMaterial()) {
            if (unreadable.contains(m.organization()) && m.secret().generated() && !m.secret().data().isEmpty()) drawn.add(m.organization());
        }
        if (drawn.isEmpty()) return null;
        return "cannot publish: " + String.join("; ", failed.values()).replace('\n', ' ')
                + "; and this machine holds no keys of organization(s) " + String.join(", ", drawn)
                + " (the state folder has none): their repository may hold them already, so Orca cannot tell which keys the"
                + " other organizations' files must name; nothing was published: run again when the repository can be read";
    }

    /** The publisher's reports and one FAILED report per unreadable repository, in the trees' order, naming organizations. */
    static PublishReport report(GenerateService.Outcome outcome, PublishReport published, Map<String, GitTarget> targets,
                                Map<String, String> failed, Path baseDir) {
        Map<String, RepositoryReport> byRepository = new LinkedHashMap<>();
        for (RepositoryReport r : published.repositories()) byRepository.put(r.url() + "\n" + r.branch(), r);
        List<RepositoryReport> out = new ArrayList<>();
        for (RepositoryTree t : outcome.trees()) {
            String key = FluxRenderer.repoKey(t.gitops());
            String reason = failed.get(key);
            if (reason != null) {
                GitTarget target = targets.get(key);
                String url = target != null ? target.displayUrl() : Redaction.stripPassword(t.gitops().url());
                out.add(new RepositoryReport(url, t.gitops().branch(), PublishStatus.FAILED, null, List.of(), List.of(),
                        List.of(), List.of(), List.of(), List.of(), "", named(t, oneLine(reason)), 0));
                continue;
            }
            GitTarget target = targets.get(key);
            RepositoryReport r = target == null ? null : byRepository.remove(target.displayUrl() + "\n" + target.branch());
            if (r == null) continue;
            out.add(r.status() != PublishStatus.FAILED ? r : new RepositoryReport(r.url(), r.branch(), r.status(), r.commitId(),
                    r.addedFiles(), r.changedFiles(), r.removedFiles(), r.addedReleases(), r.changedReleases(),
                    r.removedReleases(), r.diff(), named(t, oneLine(r.message())), r.attempts()));
        }
        out.addAll(byRepository.values()); // none expected: every report has its tree
        return new PublishReport(out);
    }

    private static String named(RepositoryTree t, String reason) {
        return (t.organizations().size() == 1 ? "organization " : "organizations ") + String.join(", ", t.organizations())
                + ": " + reason;
    }

    /** The first line (a reason is one line; a stack trace never reaches the report). */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) return "failed";
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }
}
