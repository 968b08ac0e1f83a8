package io.orca.publish;

import io.orca.testing.GitCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.orca.publish.Fixtures.change;
import static io.orca.publish.Fixtures.org;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Publishing to bare repositories through local paths and file:// URLs. */
class PublisherLocalTest {
    @TempDir
    Path tmp;

    private Publisher publisher() {
        return new Publisher(PublishOptions.defaults(tmp.resolve("cache")));
    }

    @Test
    void firstPublishCreatesTheBranchOnAnEmptyRemoteThenRepublishIsANoOp() throws Exception {
        Path remote = GitCli.initBare(tmp.resolve("r.git"), "main");
        GitTarget target = GitTarget.of(remote.toString(), "main");
        PublishReport first = publisher().publish(List.of(change(target, org("org1", "releases/org1", 2, "1.0.0"))));
        RepositoryReport r = first.repositories().get(0);
        assertEquals(PublishStatus.COMMITTED, r.status(), r.message());
        assertEquals(0, first.exitCode());
        assertEquals(GitCli.head(remote, "main"), r.commitId());
        assertEquals(List.of(".orca/owned/releases/org1.owned", "releases/org1/kustomization.yaml",
                "releases/org1/org1-node-1.yaml", "releases/org1/org1-node-2.yaml"), r.addedFiles());
        assertEquals("network: supplychain\norganizations: org1\nfiles:\n  kustomization.yaml\n  org1-node-1.yaml\n  org1-node-2.yaml\n",
                GitCli.show(remote, "main", ".orca/owned/releases/org1.owned").replaceFirst("^#[^\n]*\n", ""));
        assertEquals(List.of("org1-net/org1-node-1", "org1-net/org1-node-2"),
                r.addedReleases().stream().map(Object::toString).toList());
        String log = GitCli.git(remote, "log", "-1", "--format=%an <%ae>|%cn <%ce>|%B", "main");
        assertTrue(log.startsWith("org1-bot <org1@example.org>|org1-bot <org1@example.org>|orca: supplychain: org1: add node-1, node-2\n"), log);
        assertFalse(log.contains(Fixtures.CONTEXT.sourceSha256()) || log.contains("network.yaml"), "no path or hash of the file: " + log);
        assertTrue(log.contains("Added releases: releases/org1:org1-net/org1-node-1, releases/org1:org1-net/org1-node-2\n"), log);

        RepositoryReport again = publisher().publish(List.of(change(target, org("org1", "releases/org1", 2, "1.0.0")))).repositories().get(0);
        assertEquals(PublishStatus.UNCHANGED, again.status(), again.message());
        assertEquals(1, GitCli.commitCount(remote, "main"));
        assertFalse(again.hasChanges());
    }

    @Test
    void replacesOnlyOwnedDirectoriesAndDeletesRemovedOnes() throws Exception {
        Path remote = GitCli.initBare(tmp.resolve("r.git"), "main");
        GitCli.pushFile(remote, "main", tmp.resolve("scratch"), "README.md", "hand-written\n");
        GitCli.pushFile(remote, "main", tmp.resolve("scratch"), "releases/org1/stray.yaml", "old: file\n");
        GitTarget target = GitTarget.of("file://" + remote, "main");

        // two organizations share the repository: one commit for both
        RepositoryReport r1 = publisher().publish(List.of(
                change(target, org("org1", "releases/org1", 2, "1.0.0")),
                change(target, org("org2", "releases/org2", 1, "1.0.0")))).repositories().get(0);
        assertEquals(PublishStatus.COMMITTED, r1.status(), r1.message());
        assertEquals(3, GitCli.commitCount(remote, "main"));
        assertEquals("hand-written\n", GitCli.show(remote, "main", "README.md"));
        assertEquals("old: file\n", GitCli.show(remote, "main", "releases/org1/stray.yaml"),
                "a file in a release_dir that Orca did not write stays");
        assertTrue(r1.removedFiles().isEmpty(), r1.removedFiles().toString());

        // org1 changes a version and loses a node; org2 leaves the network
        RepositoryReport r2 = publisher().publish(List.of(change(target, org("org1", "releases/org1", 1, "1.1.0"))))
                .repositories().get(0);
        assertEquals(PublishStatus.COMMITTED, r2.status(), r2.message());
        assertEquals(List.of("org1-net/org1-node-1"), r2.changedReleases().stream().map(Object::toString).toList());
        assertEquals(List.of("org1-net/org1-node-2", "org2-net/org2-node-1"),
                r2.removedReleases().stream().map(Object::toString).toList());
        List<String> files = GitCli.files(remote, "main");
        assertEquals(List.of(".orca/owned/releases/org1.owned", "README.md", "releases/org1/kustomization.yaml",
                "releases/org1/org1-node-1.yaml", "releases/org1/stray.yaml"), files);
        String msg = GitCli.git(remote, "log", "-1", "--format=%B", "main");
        assertTrue(msg.startsWith("orca: supplychain: org1: change node-1, remove node-2; remove org2-node-1\n"), msg);
        assertTrue(msg.contains("Removed releases: releases/org1:org1-net/org1-node-2, releases/org2:org2-net/org2-node-1"), msg);
    }

    @Test
    void withoutPruningAPartialPublishKeepsTheOtherOrganizations() throws Exception {
        Path remote = GitCli.initBare(tmp.resolve("r.git"), "main");
        GitTarget target = GitTarget.of(remote.toString(), "main");
        publisher().publish(List.of(change(target, org("org1", "releases/org1", 1, "1"), org("org2", "releases/org2", 1, "1"))));
        RepositoryReport r = new Publisher(PublishOptions.defaults(tmp.resolve("cache")).withPruneRemoved(false))
                .publish(List.of(change(target, org("org1", "releases/org1", 1, "2")))).repositories().get(0);
        assertEquals(PublishStatus.COMMITTED, r.status(), r.message());
        // the manifest names the organizations of this publish (in `orca publish`, always the whole network's)
        assertEquals(List.of(".orca/owned/releases/org1.owned", "releases/org1/org1-node-1.yaml"), r.changedFiles());
        assertTrue(r.removedFiles().isEmpty(), r.removedFiles().toString());
        assertTrue(GitCli.show(remote, "main", ".orca/owned/releases/org2.owned").contains("network: supplychain\n"));
        // a later full publish without org2 removes it
        RepositoryReport full = publisher().publish(List.of(change(target, org("org1", "releases/org1", 1, "2")))).repositories().get(0);
        assertEquals(List.of(".orca/owned/releases/org2.owned", "releases/org2/kustomization.yaml",
                "releases/org2/org2-node-1.yaml"), full.removedFiles());
    }

    @Test
    void dryRunReportsAUnifiedDiffAndPushesNothing() throws Exception {
        Path remote = GitCli.initBare(tmp.resolve("r.git"), "main");
        GitTarget target = GitTarget.of(remote.toString(), "main");
        publisher().publish(List.of(change(target, org("org1", "releases/org1", 1, "1.0.0"))));
        String before = GitCli.head(remote, "main");

        PublishReport dry = publisher().diff(List.of(change(target, org("org1", "releases/org1", 1, "2.0.0"))));
        RepositoryReport r = dry.repositories().get(0);
        assertEquals(PublishStatus.WOULD_CHANGE, r.status(), r.message());
        assertEquals(3, dry.exitCode());
        assertEquals(List.of("releases/org1/org1-node-1.yaml"), r.changedFiles());
        assertTrue(r.diff().contains("--- a/releases/org1/org1-node-1.yaml"), r.diff());
        assertTrue(r.diff().contains("-      version: \"1.0.0\"\n+      version: \"2.0.0\""), r.diff());
        assertEquals(before, GitCli.head(remote, "main"));
        String rendered = dry.render(true);
        assertTrue(rendered.contains(remote + " (main): WOULD_CHANGE"), rendered);
        assertTrue(rendered.contains("  releases: 0 added, 1 changed, 0 removed\n    ~ releases/org1: org1-net/org1-node-1\n"), rendered);
        assertTrue(rendered.contains("  ~ releases/org1/org1-node-1.yaml\n"), rendered);
        assertTrue(rendered.contains("+      version: \"2.0.0\""), rendered);

        PublishReport same = publisher().diff(List.of(change(target, org("org1", "releases/org1", 1, "1.0.0"))));
        assertEquals(PublishStatus.UNCHANGED, same.repositories().get(0).status());
        assertEquals(0, same.exitCode());
    }

    @Test
    void dryRunAgainstAnEmptyRemoteShowsNewFiles() throws Exception {
        Path remote = GitCli.initBare(tmp.resolve("r.git"), "main");
        RepositoryReport r = publisher().diff(List.of(change(GitTarget.of(remote.toString(), "main"),
                org("org1", "releases/org1", 1, "1.0.0")))).repositories().get(0);
        assertEquals(PublishStatus.WOULD_CHANGE, r.status(), r.message());
        assertTrue(r.diff().contains("new file mode 100644"), r.diff());
        assertNull(GitCli.head(remote, "main"));
    }

    @Test
    void treeIsDeterministic() throws Exception {
        Path a = GitCli.initBare(tmp.resolve("a.git"), "main");
        Path b = GitCli.initBare(tmp.resolve("b.git"), "main");
        publisher().publish(List.of(change(GitTarget.of(a.toString(), "main"), org("org1", "d/org1", 3, "1.0.0"), org("org2", "d/org2", 2, "1.0.0"))));
        new Publisher(PublishOptions.defaults(tmp.resolve("cache2"))).publish(List.of(
                change(GitTarget.of(b.toString(), "main"), org("org2", "d/org2", 2, "1.0.0"), org("org1", "d/org1", 3, "1.0.0"))));
        assertEquals(GitCli.git(a, "rev-parse", "main^{tree}"), GitCli.git(b, "rev-parse", "main^{tree}"));
    }

    @Test
    void aFailingRepositoryDoesNotStopTheOthers() throws Exception {
        Path ok1 = GitCli.initBare(tmp.resolve("ok1.git"), "main");
        Path ok2 = GitCli.initBare(tmp.resolve("ok2.git"), "main");
        PublishReport report = publisher().publish(List.of(
                change(GitTarget.of(ok1.toString(), "main"), org("org1", "r", 1, "1")),
                change(GitTarget.of(tmp.resolve("missing.git").toString(), "main"), org("org2", "r", 1, "1")),
                change(GitTarget.of(ok2.toString(), "main"), org("org3", "r", 1, "1"))));
        List<PublishStatus> statuses = report.repositories().stream().map(RepositoryReport::status).toList();
        assertEquals(List.of(PublishStatus.COMMITTED, PublishStatus.FAILED, PublishStatus.COMMITTED), statuses);
        assertEquals(1, report.exitCode());
        String msg = report.repositories().get(1).message();
        assertTrue(msg.contains("missing.git"), msg);
        assertNotNull(GitCli.head(ok2, "main"));
    }

    @Test
    void twoOrganizationsClaimingTheSameDirectoryFailThatRepositoryOnly() throws Exception {
        Path shared = GitCli.initBare(tmp.resolve("shared.git"), "main");
        Path other = GitCli.initBare(tmp.resolve("other.git"), "main");
        PublishReport report = publisher().publish(List.of(
                change(GitTarget.of(shared.toString(), "main"), org("org1", "releases", 1, "1")),
                change(GitTarget.of(other.toString(), "main"), org("org3", "releases", 1, "1")),
                change(GitTarget.of(shared.toString(), "main"), org("org2", "releases", 1, "1"))));
        assertEquals(PublishStatus.FAILED, report.repositories().get(0).status());
        assertTrue(report.repositories().get(0).message().contains("owned directories overlap"), report.repositories().get(0).message());
        assertEquals(PublishStatus.COMMITTED, report.repositories().get(1).status());
        assertNull(GitCli.head(shared, "main"));
    }

    @Test
    void embeddedLocalBareRepository() throws Exception {
        Path project = tmp.resolve("project");
        GitTarget target = LocalBareRepositories.localTarget(project, "org1", "release");
        Path bare = project.resolve(".orca/git/org1.git");
        assertEquals(bare.toAbsolutePath().toString(), target.url());
        assertEquals("ref: refs/heads/release", Files.readString(bare.resolve("HEAD")).strip());
        RepositoryReport r = publisher().publish(List.of(change(target, org("org1", "releases", 1, "1")))).repositories().get(0);
        assertEquals(PublishStatus.COMMITTED, r.status(), r.message());
        assertEquals(target.url(), LocalBareRepositories.localTarget(project, "org1", "release").url(), "idempotent");
        assertNotNull(GitCli.head(bare, "release"));
        assertEquals(1, GitCli.commitCount(bare, "release"));
    }

    @Test
    void emptiedDirectoryIsDeletedAndBinaryContentIsKeptAsIs() throws Exception {
        Path remote = GitCli.initBare(tmp.resolve("r.git"), "main");
        GitTarget target = GitTarget.of(remote.toString(), "main");
        byte[] binary = {0, 1, 2, (byte) 0xff, '\n'};
        publisher().publish(List.of(change(target, OwnedDirectory.of("org1", "o1", Map.of("blob.bin", binary)),
                org("org2", "o2", 1, "1"))));
        assertArrayEqualsGit(remote, "o1/blob.bin", binary);
        RepositoryReport r = publisher().publish(List.of(change(target, OwnedDirectory.removed("org1", "o1"),
                org("org2", "o2", 1, "1")))).repositories().get(0);
        assertEquals(List.of(".orca/owned/o1.owned", "o1/blob.bin"), r.removedFiles());
        assertFalse(GitCli.files(remote, "main").contains("o1/blob.bin"));
    }

    private static void assertArrayEqualsGit(Path repo, String path, byte[] expected) throws Exception {
        Process p = new ProcessBuilder("git", "cat-file", "blob", "main:" + path).directory(repo.toFile()).start();
        byte[] got = p.getInputStream().readAllBytes();
        p.waitFor();
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, got);
    }
}
