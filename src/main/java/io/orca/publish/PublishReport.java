package io.orca.publish;

import java.util.List;

/** Results for every repository of one publish (or dry run), in the order the changes were given. */
public record PublishReport(List<RepositoryReport> repositories) {
    /** Nothing changed (or would change). */
    public static final int EXIT_OK = 0;
    /** At least one repository failed. */
    public static final int EXIT_FAILURE = 1;
    /** Dry run: at least one repository would change, none failed. */
    public static final int EXIT_WOULD_CHANGE = 3;

    public PublishReport {
        repositories = List.copyOf(repositories);
    }

    public boolean anyFailed() {
        return repositories.stream().anyMatch(r -> r.status() == PublishStatus.FAILED);
    }

    /**
     * The CLI exit code: 1 if any repository failed, else 3 if any would change (dry run), else 0
     * (a real publish that committed also exits 0).
     */
    public int exitCode() {
        return exitCode(repositories);
    }

    public static int exitCode(List<RepositoryReport> reports) {
        if (reports.stream().anyMatch(r -> r.status() == PublishStatus.FAILED)) return EXIT_FAILURE;
        if (reports.stream().anyMatch(r -> r.status() == PublishStatus.WOULD_CHANGE)) return EXIT_WOULD_CHANGE;
        return EXIT_OK;
    }

    public String render(boolean withDiff) {
        StringBuilder sb = new StringBuilder();
        for (RepositoryReport r : repositories) {
            sb.append(r.render());
            if (withDiff && !r.diff().isEmpty()) sb.append(r.diff()).append(r.diff().endsWith("\n") ? "" : "\n");
        }
        return sb.toString();
    }
}
