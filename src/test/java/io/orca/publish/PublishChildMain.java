package io.orca.publish;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A publish in a separate JVM, for process-level tests. Args: remote url, cache dir, version, mode.
 * Modes: {@code normal}; {@code hang-before-push} prints {@code COMMITTED-LOCALLY} when the commit exists only
 * in the cache and then waits to be killed. Prints the status and exits with the report's exit code.
 */
public final class PublishChildMain {
    public static void main(String[] args) throws Exception {
        String remote = args[0];
        Path cache = Path.of(args[1]);
        String version = args[2];
        String mode = args[3];
        int orgs = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        PublishHooks hooks = !mode.equals("hang-before-push") ? PublishHooks.NONE : new PublishHooks() {
            @Override
            public void beforePush(GitTarget target, String commitId, int attempt) throws Exception {
                System.out.println("COMMITTED-LOCALLY " + commitId);
                System.out.flush();
                Thread.sleep(120_000);
            }
        };
        PublishOptions options = PublishOptions.defaults(cache).withHooks(hooks)
                .withRetries(10, Duration.ofMillis(50)).withLockTimeout(Duration.ofSeconds(60));
        GitTarget target = GitTarget.of(remote, "main");
        PublishReport report = new Publisher(options).publish(List.of(network(target, version, orgs)));
        RepositoryReport r = report.repositories().get(0);
        System.out.println("STATUS " + r.status() + " " + r.attempts() + " " + r.message());
        System.exit(report.exitCode());
    }

    /** {@code orgs} organizations with 5 HelmReleases each, in {@code releases/orgN}. */
    static RepositoryChange network(GitTarget target, String version, int orgs) {
        List<OwnedDirectory> dirs = new java.util.ArrayList<>();
        for (int i = 1; i <= orgs; i++) dirs.add(Fixtures.org("org" + i, "releases/org" + i, 5, version));
        return new RepositoryChange(target, Fixtures.AUTHOR, dirs, Fixtures.CONTEXT);
    }
}
