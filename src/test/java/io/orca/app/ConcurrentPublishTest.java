package io.orca.app;

import io.orca.publish.PublishOptions;
import io.orca.publish.PublishReport;
import io.orca.publish.PublishStatus;
import io.orca.testing.GitCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 10, item 10: two identical `orca publish` runs at once, sharing the work folder (the default one). */
class ConcurrentPublishTest {
    /**
     * Both runs read the repository before either pushed, sealed the Secrets each with fresh randomness, and the
     * second one then rebuilt on the first one's commit: an extra commit that only re-encrypted Secrets. Now a run
     * holds its repositories from reading to pushing: the second finds the first one's files, and changes nothing.
     */
    @Test
    void twoIdenticalPublishesWithASharedWorkDirMakeAnExtraCommit(@TempDir Path base) throws Exception {
        Path remote = GitCli.initBare(base.resolve("shared.git"), "main");
        String yaml = SharedRepositoryOwnershipTest.network("alpha", "beta", remote.toString(), "releases/dev");
        PublishOptions options = PublishOptions.defaults(base.resolve("cache"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<PublishService.Result>> runs = List.of(1, 2).stream().map(i -> pool.submit(() -> {
                start.await();
                return PublishService.publish(new PublishService.Request("network.yaml", yaml.getBytes(StandardCharsets.UTF_8),
                        base, base.resolve("state"), options, false, new CredentialResolver(Map.<String, String>of()::get)));
            })).toList();
            start.countDown();
            int committed = 0;
            for (Future<PublishService.Result> f : runs) {
                PublishService.Result r = f.get();
                assertNull(r.refusal());
                assertEquals(PublishReport.EXIT_OK, r.exitCode(), r.text(false));
                if (r.report().repositories().get(0).status() == PublishStatus.COMMITTED) committed++;
                else assertEquals(PublishStatus.UNCHANGED, r.report().repositories().get(0).status());
            }
            assertEquals(1, committed, "one run commits, the other finds nothing to do");
            assertEquals(1, GitCli.commitCount(remote, "main"));
            assertTrue(GitCli.files(remote, "main").stream().anyMatch(f -> f.endsWith(".sops.yaml")));
        } finally {
            pool.shutdownNow();
        }
    }
}
