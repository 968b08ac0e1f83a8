package io.orca.app;

import io.orca.publish.GitTarget;
import io.orca.publish.HelmReleaseRef;
import io.orca.publish.PublishHistory;
import io.orca.publish.PublishHooks;
import io.orca.publish.PublishOptions;
import io.orca.publish.PublishStatus;
import io.orca.publish.RepositoryReport;
import io.orca.publish.Rollback;
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
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: {@code orca history} and {@code orca rollback} against a loopback smart-HTTP server (git http-backend).
 * Two organizations publish to one shared repository (release_dirs releases/alpha and releases/beta) that also holds
 * another network's publishes and a hand-made commit.
 */
class HistoryRollbackTest {
    private static final AgeKeyPair KEY = AgeKeyPair.generate();
    private static final String VALIDATOR_4 = "(?s)          - validator:\n            name: validator-4\n.*?port: 9545 }\n";

    /** The example network, alpha and beta renamed, each organization in its own release_dir of {@code url}. */
    static String network(String first, String second, String url) throws Exception {
        String yaml = Files.readString(Project.dir().resolve("examples/besu-two-orgs.yaml"))
                .replace("  docker:\n", "  secrets:\n    age_recipients: [\"" + KEY.recipient() + "\"]\n  docker:\n");
        for (String org : List.of("alpha", "beta")) {
            yaml = yaml.replace("      external_url_suffix: " + org + ".example.test\n", """
                          external_url_suffix: %s.example.test
                          gitops:
                            git_url: %s
                            release_dir: releases/%s
                            email: bot@example.test
                    """.formatted(org, url, org));
        }
        return yaml.replace("alpha", first).replace("beta", second);
    }

    private static RepositoryReport publish(Path base, String yaml) {
        PublishService.Result r = PublishService.publish(new PublishService.Request("network.yaml", yaml.getBytes(StandardCharsets.UTF_8),
                base, base.resolve("state"), PublishOptions.defaults(base.resolve("cache")), false,
                new CredentialResolver(Map.<String, String>of()::get)));
        assertNull(r.refusal());
        assertTrue(r.outcome().ok(), String.valueOf(r.outcome()));
        return r.report().repositories().get(0);
    }

    private static HistoryService.Request request(Path base, String yaml, Path cache, boolean dryRun, String... orgs) {
        return new HistoryService.Request("network.yaml", yaml.getBytes(StandardCharsets.UTF_8), base,
                PublishOptions.defaults(cache).withDryRun(dryRun), false, Set.of(orgs), new CredentialResolver(Map.<String, String>of()::get));
    }

    /** path → blob id of every file of {@code rev} under one of {@code prefixes}. */
    private static Map<String, String> tree(Path repo, String rev, String... prefixes) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (String line : GitCli.git(repo, "ls-tree", "-r", rev).split("\n")) {
            if (line.isBlank()) continue;
            String path = line.substring(line.indexOf('\t') + 1);
            String id = line.split("\\s+")[2];
            for (String p : prefixes) if (path.startsWith(p)) out.put(path, id);
        }
        return out;
    }

    private static boolean names(List<HelmReleaseRef> refs, String name) {
        return refs.stream().anyMatch(r -> r.name().equals(name));
    }

    @Test
    void historyListsThePublishesAndRollbackRestoresThemInANewCommit(@TempDir Path base) throws Exception {
        try (GitHttpBackendServer server = GitHttpBackendServer.start(base.resolve("srv"))) {
            Path remote = server.createBareRepository("shared.git", "main");
            String full = network("alpha", "beta", server.url("shared.git"));
            String first = full.replaceAll(VALIDATOR_4, "");
            String changed = full.replace("            rpc: { port: 8545 }\n            ws: { port: 8546 }\n            tm_nodeport",
                    "            rpc: { port: 8555 }\n            ws: { port: 8546 }\n            tm_nodeport");
            String removed = changed.replaceAll(VALIDATOR_4, "");
            assertNotEquals(full, changed);
            Path scratch = base.resolve("scratch");

            assertEquals(PublishStatus.COMMITTED, publish(base, first).status());
            String c1 = GitCli.head(remote, "main");
            assertEquals(PublishStatus.COMMITTED, publish(base, full).status());
            String c2 = GitCli.head(remote, "main");
            // another network's publish and a hand-made commit in between: not publishes of this network
            RepositoryReport other = publish(base.resolve("other"), network("gamma", "delta", server.url("shared.git")));
            assertEquals(PublishStatus.COMMITTED, other.status(), other.message());
            String foreign = GitCli.head(remote, "main");
            GitCli.pushFile(remote, "main", scratch, "README.md", "hand-written\n");
            assertEquals(PublishStatus.COMMITTED, publish(base, changed).status());
            String c3 = GitCli.head(remote, "main");
            assertEquals(PublishStatus.COMMITTED, publish(base, removed).status());
            String c4 = GitCli.head(remote, "main");

            // history: four publishes, newest first, what changed from the tree diff
            HistoryService.HistoryResult h = HistoryService.history(request(base, removed, base.resolve("cache"), false), 0);
            assertEquals(0, h.exitCode(), String.valueOf(h.refusal()));
            assertEquals(1, h.logs().size());
            List<PublishHistory.Entry> entries = h.logs().get(0).entries();
            assertEquals(List.of(c4, c3, c2, c1), entries.stream().map(PublishHistory.Entry::commit).toList());
            assertTrue(names(entries.get(3).addedReleases(), "alpha-validator-1") && entries.get(3).removedReleases().isEmpty());
            assertTrue(names(entries.get(2).addedReleases(), "alpha-validator-4"), entries.get(2).toString());
            assertTrue(names(entries.get(1).changedReleases(), "beta-member-1"), entries.get(1).toString());
            assertFalse(names(entries.get(1).changedReleases(), "alpha-validator-1"), entries.get(1).toString());
            assertTrue(entries.get(1).directories().contains("releases/beta"), entries.get(1).toString());
            assertTrue(names(entries.get(0).removedReleases(), "alpha-validator-4"), entries.get(0).toString());
            assertEquals("bot@example.test", entries.get(0).email());
            // --org beta: the publishes that changed beta's releases only
            HistoryService.HistoryResult hb = HistoryService.history(request(base, removed, base.resolve("cache"), false, "beta"), 0);
            List<PublishHistory.Entry> betas = hb.logs().get(0).entries();
            assertTrue(betas.stream().map(PublishHistory.Entry::commit).toList().containsAll(List.of(c3, c1)), betas.toString());
            assertTrue(betas.stream().allMatch(e -> e.directories().equals(List.of("releases/beta"))), betas.toString());

            // unknown REV, and a commit that is not a publish of this network: usage error, nothing pushed
            HistoryService.RollbackResult unknown = HistoryService.rollback(request(base, removed, base.resolve("cache"), false), "deadbeef");
            assertEquals(2, unknown.exitCode());
            assertTrue(unknown.refusal().contains("no commit deadbeef on branch main") && unknown.refusal().contains("orca history"), unknown.refusal());
            HistoryService.RollbackResult notOurs = HistoryService.rollback(request(base, removed, base.resolve("cache"), false), foreign.substring(0, 10));
            assertEquals(2, notOurs.exitCode());
            assertTrue(notOurs.refusal().contains("is not a publish of network besu-dev"), notOurs.refusal());
            assertEquals(c4, GitCli.head(remote, "main"));

            // a dry run writes nothing: no cache (it did not exist), no commit
            Path noCache = base.resolve("no-cache");
            HistoryService.RollbackResult dry = HistoryService.rollback(request(base, removed, noCache, true), c1.substring(0, 7));
            assertEquals(3, dry.exitCode(), dry.results().toString());
            assertFalse(dry.results().get(0).report().diff().isEmpty());
            assertFalse(Files.exists(noCache));
            assertEquals(c4, GitCli.head(remote, "main"));

            // one organization only: beta's files as at c2 (before its change), alpha's as they are
            Map<String, String> alphaNow = tree(remote, c4, "releases/alpha/", ".orca/owned/releases/alpha.owned");
            HistoryService.RollbackResult betaOnly = HistoryService.rollback(request(base, removed, base.resolve("cache"), false, "beta"), c2.substring(0, 8));
            assertEquals(0, betaOnly.exitCode(), betaOnly.results().toString());
            String r1 = GitCli.head(remote, "main");
            assertEquals(c4, GitCli.git(remote, "rev-parse", r1 + "^").strip(), "a new commit on top");
            assertEquals(tree(remote, c2, "releases/beta/", ".orca/owned/releases/beta.owned"),
                    tree(remote, r1, "releases/beta/", ".orca/owned/releases/beta.owned"));
            assertEquals(alphaNow, tree(remote, r1, "releases/alpha/", ".orca/owned/releases/alpha.owned"));
            assertEquals(List.of("beta-bes/beta-member-1", "beta-bes/beta-member-1-tessera", "beta-bes/beta-network"),
                    betaOnly.releasesByOrganization().get("beta").stream().map(HelmReleaseRef::toString).sorted().toList(),
                    "the releases a --wait follows");

            // the whole network back to the first publish
            Map<String, String> others = tree(remote, r1, "releases/gamma/", "releases/delta/", ".orca/owned/releases/gamma", "README.md");
            HistoryService.RollbackResult all = HistoryService.rollback(request(base, removed, base.resolve("cache"), false), c1);
            assertEquals(0, all.exitCode(), all.results().toString());
            String r2 = GitCli.head(remote, "main");
            assertEquals(r1, GitCli.git(remote, "rev-parse", r2 + "^").strip());
            assertEquals(tree(remote, c1, "releases/alpha/", "releases/beta/", ".orca/owned/releases/alpha", ".orca/owned/releases/beta"),
                    tree(remote, r2, "releases/alpha/", "releases/beta/", ".orca/owned/releases/alpha", ".orca/owned/releases/beta"));
            assertEquals(others, tree(remote, r2, "releases/gamma/", "releases/delta/", ".orca/owned/releases/gamma", "README.md"),
                    "another network's files and a hand-written file are untouched");
            assertTrue(GitCli.git(remote, "log", "-1", "--format=%B", r2).startsWith("orca: roll back network besu-dev to " + c1.substring(0, 12)));
            assertEquals(PublishStatus.COMMITTED, all.results().get(0).report().status());

            // again: already there, no commit; publishing the first network file: nothing to do (manifests consistent)
            HistoryService.RollbackResult again = HistoryService.rollback(request(base, removed, base.resolve("cache"), false), c1);
            assertEquals(PublishStatus.UNCHANGED, again.results().get(0).report().status());
            assertEquals(PublishStatus.UNCHANGED, publish(base, first).status());
            assertEquals(r2, GitCli.head(remote, "main"));
            // and the rollback is itself in the history
            assertEquals(r2, HistoryService.history(request(base, removed, base.resolve("cache"), false), 1).logs().get(0).entries().get(0).commit());
        }
    }

    /** A publish that lands between the rollback's fetch and its push: the rollback fails, nothing lost, nothing forced. */
    @Test
    void aBranchThatMovesDuringARollbackFailsItWithoutLosingThePush(@TempDir Path base) throws Exception {
        try (GitHttpBackendServer server = GitHttpBackendServer.start(base.resolve("srv"))) {
            Path remote = server.createBareRepository("race.git", "main");
            String full = network("alpha", "beta", server.url("race.git"));
            publish(base, full.replaceAll(VALIDATOR_4, ""));
            String c1 = GitCli.head(remote, "main");
            publish(base, full);
            Path scratch = base.resolve("scratch");
            PublishHooks racing = new PublishHooks() {
                @Override
                public void beforePush(GitTarget target, String commitId, int attempt) throws Exception {
                    GitCli.pushFile(remote, "main", scratch, "README.md", "racing\n");
                }
            };
            HistoryService.Request request = new HistoryService.Request("network.yaml", full.getBytes(StandardCharsets.UTF_8), base,
                    PublishOptions.defaults(base.resolve("cache")).withHooks(racing), false, Set.of(),
                    new CredentialResolver(Map.<String, String>of()::get));
            HistoryService.RollbackResult r = HistoryService.rollback(request, c1);
            assertEquals(1, r.exitCode());
            Rollback.Result result = r.results().get(0);
            assertEquals(PublishStatus.FAILED, result.report().status());
            assertTrue(result.report().message().contains("moved since the rollback read it") && result.report().message().contains("nothing was pushed"),
                    result.report().message());
            assertEquals("racing\n", GitCli.show(remote, "main", "README.md"), "the racing push stays");
            assertTrue(GitCli.git(remote, "log", "-1", "--format=%s", "main").startsWith("outside change"));
        }
    }
}
