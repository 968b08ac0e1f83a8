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
        PublishReport report = new Publisher(options).publish(List.of(Fixtures.change(target,
                Fixtures.org("org1", "releases/org1", 5, version), Fixtures.org("org2", "releases/org2", 5, version))));
        RepositoryReport r = report.repositories().get(0);
        System.out.println("STATUS " + r.status() + " " + r.attempts() + " " + r.message());
        System.exit(report.exitCode());
    }
}
