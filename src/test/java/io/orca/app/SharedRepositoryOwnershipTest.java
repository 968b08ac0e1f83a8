package io.orca.app;

import io.orca.publish.PublishOptions;
import io.orca.publish.PublishStatus;
import io.orca.publish.RepositoryReport;
import io.orca.secrets.AgeKeyPair;
import io.orca.testing.GitCli;
import io.orca.testing.GitHttpBackendServer;
import io.orca.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, item 2 (data loss in a shared repository): Orca deletes only what it wrote itself for this network and
 * this release_dir. Two network files publish to one repository on a loopback smart-HTTP server (git http-backend);
 * a remote with a history Orca did not make carries foreign ownership files.
 */
class SharedRepositoryOwnershipTest {
    private static final AgeKeyPair KEY = AgeKeyPair.generate();

    private static RepositoryReport publish(Path base, String yaml, String name) {
        PublishService.Result r = PublishService.publish(new PublishService.Request(name, yaml.getBytes(StandardCharsets.UTF_8),
                base, base.resolve("state-" + name), PublishOptions.defaults(base.resolve("cache")), false,
                new CredentialResolver(Map.<String, String>of()::get)));
        assertEquals(null, r.refusal());
        assertTrue(r.outcome().ok(), String.valueOf(r.outcome()));
        assertEquals(1, r.report().repositories().size(), r.report().render(false));
        return r.report().repositories().get(0);
    }

    /** The example network with its organizations renamed, both publishing to {@code url} under {@code releaseDir}. */
    static String network(String first, String second, String url, String releaseDir) throws Exception {
        String yaml = Files.readString(Project.dir().resolve("examples/besu-two-orgs.yaml"))
                .replace("  docker:\n", "  secrets:\n    age_recipients: [\"" + KEY.recipient() + "\"]\n  docker:\n");
        for (String org : List.of("alpha", "beta")) {
            yaml = yaml.replace("      external_url_suffix: " + org + ".example.test\n", """
                          external_url_suffix: %s.example.test
                          gitops:
                            git_url: %s
                            release_dir: %s
                            email: bot@example.test
                    """.formatted(org, url, releaseDir));
        }
        return yaml.replace("alpha", first).replace("beta", second);
    }

    @Test
    void twoNetworkFilesPublishingToOneRepositoryNeverDeleteEachOthersReleases(@TempDir Path base) throws Exception {
        try (GitHttpBackendServer server = GitHttpBackendServer.start(base.resolve("srv"))) {
            Path remote = server.createBareRepository("shared.git", "main");
            String a = network("alpha", "beta", server.url("shared.git"), "releases/a");
            String b = network("gamma", "delta", server.url("shared.git"), "releases/b");

            RepositoryReport first = publish(base, a, "a.yaml");
            assertEquals(PublishStatus.COMMITTED, first.status(), first.message());
            List<String> aFiles = GitCli.files(remote, "main").stream().filter(f -> f.startsWith("releases/a/")).toList();
            assertFalse(aFiles.isEmpty());

            RepositoryReport second = publish(base, b, "b.yaml");
            assertEquals(PublishStatus.COMMITTED, second.status(), second.message());
            assertEquals(List.of(), second.removedFiles(), "the second network removes nothing of the first");
            assertTrue(second.removedReleases().isEmpty(), second.removedReleases().toString());
            assertTrue(GitCli.files(remote, "main").containsAll(aFiles));

            // each network again: nothing to do (before the fix: "3 added, 5 removed" on every turn)
            assertEquals(PublishStatus.UNCHANGED, publish(base, a, "a.yaml").status());
            assertEquals(PublishStatus.UNCHANGED, publish(base, b, "b.yaml").status());

            // a validator removed from network A: only its file goes, network B keeps all of its releases
            List<String> bFiles = GitCli.files(remote, "main").stream().filter(f -> f.startsWith("releases/b/")).toList();
            String smaller = a.replaceAll("(?s)          - validator:\n            name: validator-4\n.*?port: 9545 }\n", "");
            RepositoryReport removed = publish(base, smaller, "a.yaml");
            assertEquals(PublishStatus.COMMITTED, removed.status(), removed.message());
            assertTrue(removed.removedFiles().stream().allMatch(f -> f.startsWith("releases/a/")), removed.removedFiles().toString());
            assertTrue(GitCli.files(remote, "main").containsAll(bFiles));

            // network B pointed at network A's release_dir: refused, nothing pushed
            String head = GitCli.head(remote, "main");
            RepositoryReport clash = publish(base, network("gamma", "delta", server.url("shared.git"), "releases/a"), "b.yaml");
            assertEquals(PublishStatus.FAILED, clash.status());
            assertTrue(clash.message().contains("releases/a belongs to network besu-dev (organizations alpha, beta)")
                    && clash.message().contains("choose another release_dir"), clash.message());
            assertEquals(head, GitCli.head(remote, "main"));
        }
    }

    @Test
    void aForeignOwnedFileInARemoteWithUnrelatedHistoryIsNeverTouched(@TempDir Path base) throws Exception {
        try (GitHttpBackendServer server = GitHttpBackendServer.start(base.resolve("srv"))) {
            Path remote = server.createBareRepository("other.git", "main");
            Path scratch = base.resolve("scratch");
            // an ownership file as Orca before decision 0023 wrote it, and one of today's format from another network
            GitCli.pushFile(remote, "main", scratch, ".orca/besu-dev.owned", "releases/other\nreleases/mine\n");
            GitCli.pushFile(remote, "main", scratch, "releases/other/keep.yaml", "kind: ConfigMap\n");
            String foreign = "network: besu-dev\norganizations: zeta\nfiles:\n  keep.yaml\n  also.yaml\n";
            GitCli.pushFile(remote, "main", scratch, ".orca/owned/releases/third.owned", foreign);
            GitCli.pushFile(remote, "main", scratch, "releases/third/also.yaml", "kind: ConfigMap\n");
            GitCli.pushFile(remote, "main", scratch, "releases/mine/hand-written.yaml", "kind: ConfigMap\n");

            RepositoryReport r = publish(base, network("alpha", "beta", server.url("other.git"), "releases/mine"), "n.yaml");
            assertEquals(PublishStatus.COMMITTED, r.status(), r.message());
            assertEquals(List.of(), r.removedFiles());
            assertEquals(List.of(), r.changedFiles());
            assertEquals("kind: ConfigMap\n", GitCli.show(remote, "main", "releases/other/keep.yaml"));
            assertEquals("kind: ConfigMap\n", GitCli.show(remote, "main", "releases/third/also.yaml"));
            assertEquals("kind: ConfigMap\n", GitCli.show(remote, "main", "releases/mine/hand-written.yaml"),
                    "a file in the release_dir that Orca did not write stays");
            assertEquals("releases/other\nreleases/mine\n", GitCli.show(remote, "main", ".orca/besu-dev.owned"));
            assertEquals(foreign, GitCli.show(remote, "main", ".orca/owned/releases/third.owned"));

            // publishing into the foreign network's release_dir is refused
            RepositoryReport clash = publish(base, network("alpha", "beta", server.url("other.git"), "releases/third"), "n.yaml");
            assertEquals(PublishStatus.FAILED, clash.status());
            assertTrue(clash.message().contains("releases/third belongs to network besu-dev (organizations zeta)"), clash.message());
            // a file Orca did not write, in the way of one it must write: refused, not overwritten
            String head = GitCli.head(remote, "main");
            GitCli.pushFile(remote, "main", scratch, "releases/new/alpha-bes/alpha-validator-1.yaml", "mine: true\n");
            head = GitCli.head(remote, "main");
            RepositoryReport inTheWay = publish(base, network("alpha", "beta", server.url("other.git"), "releases/new"), "n.yaml");
            assertEquals(PublishStatus.FAILED, inTheWay.status());
            assertTrue(inTheWay.message().contains("releases/new/alpha-bes/alpha-validator-1.yaml is in the way of files Orca must write"),
                    inTheWay.message());
            assertEquals(head, GitCli.head(remote, "main"));
        }
    }

    /**
     * Regression: a repository published by an Orca before decision 0023 (ownership file {@code .orca/besu-dev.owned}
     * listing the release_dir, no manifest) refused every changed release as "in the way". Its files at the paths Orca
     * writes are overwritten now; nothing else there is deleted on the old file's word.
     */
    @Test
    void regressionARepositoryPublishedByAnOlderOrcaTakesChangedReleases(@TempDir Path base) throws Exception {
        try (GitHttpBackendServer server = GitHttpBackendServer.start(base.resolve("srv"))) {
            Path today = server.createBareRepository("today.git", "main");
            Path older = server.createBareRepository("older.git", "main");
            publish(base, network("alpha", "beta", server.url("today.git"), "releases/dev"), "n.yaml");
            // the same files as an older Orca left them: the release_dir listed in .orca/besu-dev.owned, no manifest
            Path scratch = base.resolve("scratch");
            for (String f : GitCli.files(today, "main")) {
                if (f.startsWith(".orca/")) continue;
                GitCli.pushFile(older, "main", scratch, f, GitCli.show(today, "main", f));
            }
            GitCli.pushFile(older, "main", scratch, ".orca/besu-dev.owned", "releases/dev\n");
            GitCli.pushFile(older, "main", scratch, "releases/dev/hand-written.yaml", "kind: ConfigMap\n");

            String network = network("alpha", "beta", server.url("older.git"), "releases/dev");
            String smaller = network.replaceAll("(?s)          - validator:\n            name: validator-4\n.*?port: 9545 }\n", "");
            assertFalse(smaller.equals(network));
            RepositoryReport r = publish(base, smaller, "n.yaml");
            assertEquals(PublishStatus.COMMITTED, r.status(), r.message());
            assertFalse(r.changedFiles().isEmpty(), "the releases that changed are overwritten");
            assertEquals(List.of(), r.removedFiles(), "nothing is deleted on the old file's word");
            assertEquals("kind: ConfigMap\n", GitCli.show(older, "main", "releases/dev/hand-written.yaml"));
            assertEquals("releases/dev\n", GitCli.show(older, "main", ".orca/besu-dev.owned"));
            assertTrue(GitCli.files(older, "main").contains(".orca/owned/releases/dev.owned"), "the manifest is written");
        }
    }
}
