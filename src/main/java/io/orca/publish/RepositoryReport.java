package io.orca.publish;

import java.util.List;

/**
 * The result for one (repository, branch).
 *
 * @param url              repository URL without password
 * @param branch           branch
 * @param status           outcome
 * @param commitId         the pushed commit (COMMITTED), otherwise the remote head seen (may be null)
 * @param addedFiles       repository paths added (also for WOULD_CHANGE)
 * @param changedFiles     repository paths whose content changed
 * @param removedFiles     repository paths removed
 * @param addedReleases    HelmReleases that appear
 * @param changedReleases  HelmReleases whose document changed
 * @param removedReleases  HelmReleases that disappear
 * @param diff             unified diff (dry run only, else empty)
 * @param message          a one-line human summary; for FAILED the reason, free of secrets
 * @param attempts         push attempts made (retries after a remote moved)
 */
public record RepositoryReport(String url, String branch, PublishStatus status, String commitId,
                               List<String> addedFiles, List<String> changedFiles, List<String> removedFiles,
                               List<HelmReleaseRef> addedReleases, List<HelmReleaseRef> changedReleases,
                               List<HelmReleaseRef> removedReleases, String diff, String message, int attempts) {
    public RepositoryReport {
        addedFiles = List.copyOf(addedFiles);
        changedFiles = List.copyOf(changedFiles);
        removedFiles = List.copyOf(removedFiles);
        addedReleases = List.copyOf(addedReleases);
        changedReleases = List.copyOf(changedReleases);
        removedReleases = List.copyOf(removedReleases);
        if (diff == null) diff = "";
    }

    static RepositoryReport failed(GitTarget target, String message, int attempts) {
        return new RepositoryReport(target.displayUrl(), target.branch(), PublishStatus.FAILED, null,
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), "", message, attempts);
    }

    /** This report with {@code note} appended to its message. */
    RepositoryReport withNote(String note) {
        String m = message == null || message.isEmpty() ? note : message + "; " + note;
        return new RepositoryReport(url, branch, status, commitId, addedFiles, changedFiles, removedFiles,
                addedReleases, changedReleases, removedReleases, diff, m, attempts);
    }

    public boolean hasChanges() {
        return !addedFiles.isEmpty() || !changedFiles.isEmpty() || !removedFiles.isEmpty();
    }

    /** Human-readable block: status line, files and releases. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(url).append(" (").append(branch).append("): ").append(status);
        if (commitId != null && status == PublishStatus.COMMITTED) sb.append(' ').append(commitId, 0, 12);
        if (message != null && !message.isEmpty()) sb.append(" — ").append(message);
        sb.append('\n');
        if (!addedReleases.isEmpty() || !changedReleases.isEmpty() || !removedReleases.isEmpty()) {
            sb.append("  releases: ").append(addedReleases.size()).append(" added, ").append(changedReleases.size())
                    .append(" changed, ").append(removedReleases.size()).append(" removed\n");
            for (HelmReleaseRef r : addedReleases) sb.append("    + ").append(r.directory()).append(": ").append(r).append('\n');
            for (HelmReleaseRef r : changedReleases) sb.append("    ~ ").append(r.directory()).append(": ").append(r).append('\n');
            for (HelmReleaseRef r : removedReleases) sb.append("    - ").append(r.directory()).append(": ").append(r).append('\n');
        }
        if (hasChanges()) sb.append("  files: ").append(addedFiles.size()).append(" added, ").append(changedFiles.size())
                .append(" changed, ").append(removedFiles.size()).append(" removed\n");
        for (String f : addedFiles) sb.append("  + ").append(f).append('\n');
        for (String f : changedFiles) sb.append("  ~ ").append(f).append('\n');
        for (String f : removedFiles) sb.append("  - ").append(f).append('\n');
        return sb.toString();
    }
}
