package io.orca.publish;

import io.orca.model.Secret;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishUnitTest {
    /** The TLS reason in the "not trusted" message, as JDK 17 and newer JDKs (alert prefix) word it. */
    @Test
    void tlsReasonDropsClassNamesAndTheAlertPrefix() {
        String expected = "PKIX path building failed: unable to find valid certification path to requested target";
        for (String jdk : List.of("", "(certificate_unknown) ")) {
            Exception e = new org.eclipse.jgit.errors.TransportException("https://h/r.git: cannot open git-upload-pack",
                    new javax.net.ssl.SSLHandshakeException(jdk + "PKIX path building failed: "
                            + "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target"));
            assertEquals(expected, GitTransports.tlsReason(e));
        }
    }

    @Test
    void redactionRemovesPasswordsFromUrlsAndKnownSecrets() {
        assertEquals("https://bob:***@git.example.org/x.git: not authorized",
                Redaction.redact("https://bob:hunter22@git.example.org/x.git: not authorized", List.of()));
        assertEquals("token *** refused", Redaction.redact("token abc/def+ghi refused", List.of(Secret.of("abc/def+ghi"))));
        assertEquals("url-encoded ***", Redaction.redact("url-encoded abc%2Fdef", List.of(Secret.of("abc/def"))));
        assertEquals("https://git.example.org/x.git", Redaction.stripUserInfo("https://bob:pw@git.example.org/x.git"));
        assertEquals("git@github.com:org/repo.git", Redaction.stripPassword("git@github.com:org/repo.git"));
    }

    @Test
    void credentialsNeverPrint() {
        GitTarget t = new GitTarget("https://git.example.org/x.git", "main",
                GitCredentials.userPassword("bob", Secret.of("hunter22")));
        assertFalse(t.toString().contains("hunter22"));
        assertFalse(t.credentials().toString().contains("hunter22"));
        GitCredentials.SshKey k = new GitCredentials.SshKey(Path.of("/k"), Secret.of("pass-phrase"), null, "h ssh-ed25519 AAAA");
        assertFalse(k.toString().contains("pass-phrase"));
    }

    @Test
    void cacheKeyIgnoresCredentialsButNotBranch() {
        GitTarget a = GitTarget.of("https://bob:pw1@git.example.org/x.git", "main");
        GitTarget b = new GitTarget("https://git.example.org/x.git", "main", GitCredentials.userPassword("al", Secret.of("pw2")));
        GitTarget c = GitTarget.of("https://git.example.org/x.git", "release");
        assertEquals(RepositoryCache.key(a), RepositoryCache.key(b));
        assertNotEquals(RepositoryCache.key(a), RepositoryCache.key(c));
        Path dir = RepositoryCache.repositoryDir(Path.of("/cache"), a);
        assertFalse(dir.toString().contains("pw1"));
        assertTrue(dir.toString().startsWith("/cache/repos/x_main-"), dir.toString());
        assertEquals("git@host:org/repo.git#main", GitTarget.of("git@host:org/repo.git", "main").key());
        assertEquals(GitTarget.of("/srv/git/r.git/", "main").key(), GitTarget.of("file:///srv/git/r.git", "main").key());
    }

    @Test
    void changesToTheSameRepositoryAndBranchMerge() {
        GitTarget t1 = GitTarget.of("https://h/x.git", "main");
        GitTarget t2 = new GitTarget("https://h/x.git", "main", GitCredentials.userPassword("u", Secret.of("p")));
        GitTarget other = GitTarget.of("https://h/x.git", "dev");
        List<RepositoryChange> merged = RepositoryChange.merge(List.of(
                Fixtures.change(t1, Fixtures.org("a", "a", 1, "1")),
                Fixtures.change(other, Fixtures.org("b", "b", 1, "1")),
                Fixtures.change(t2, Fixtures.org("c", "c", 1, "1"))));
        assertEquals(2, merged.size());
        assertEquals(List.of("a", "c"), merged.get(0).directories().stream().map(OwnedDirectory::path).toList());
    }

    @Test
    void pathsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> OwnedDirectory.of("o", "../x", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> OwnedDirectory.of("o", "/abs", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> OwnedDirectory.of("o", "", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> OwnedDirectory.of("o", "a/.git/hooks", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> OwnedDirectory.of("o", "d", Map.of("../escape", new byte[0])));
        assertEquals("a/b", OwnedDirectory.of("o", "./a/b/", Map.of()).path());
        assertThrows(IllegalArgumentException.class, () -> Fixtures.change(GitTarget.of("/r", "main"),
                Fixtures.org("a", "x", 1, "1"), Fixtures.org("b", "x/y", 1, "1")));
        assertThrows(IllegalArgumentException.class, () -> GitTarget.of("/r", "a..b"));
    }

    @Test
    void helmReleasesAreFoundInMultiDocumentYaml() {
        byte[] yaml = ("kind: ConfigMap\nmetadata: {name: c}\n---\n"
                + "kind: HelmRelease\nmetadata: {name: r1, namespace: ns}\n---\n"
                + "kind: HelmRelease\nmetadata: {name: r2}\n").getBytes();
        assertEquals(List.of("ns/r1", "r2"),
                HelmReleases.find("d", yaml).keySet().stream().map(Object::toString).sorted().toList());
        assertTrue(HelmReleases.find("d", "{{ not yaml HelmRelease".getBytes()).isEmpty());
        byte[] block = ("# generated\napiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n"
                + "  labels:\n    name: not-this\n  name: \"quoted\"  # comment\n  namespace: 'ns'\nspec:\n  values:\n"
                + "    name: nor-this\n---\nkind: HelmRelease\nmetadata:\n    name: four-spaces\n").getBytes();
        assertEquals(List.of("four-spaces", "ns/quoted"),
                HelmReleases.find("d", block).keySet().stream().map(Object::toString).sorted().toList());
        byte[] anchors = "kind: HelmRelease\nmetadata: &m\n  name: anchored\n".getBytes();
        assertEquals(List.of("anchored"), HelmReleases.find("d", anchors).keySet().stream().map(Object::toString).toList());
    }

    @Test
    void commitContextOfAFile(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("network.yaml");
        java.nio.file.Files.writeString(f, "abc");
        CommitContext c = CommitContext.of("net", f);
        assertEquals("network.yaml", c.sourceFile());
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", c.sourceSha256());
    }

    @Test
    void exitCodes() {
        RepositoryReport ok = report(PublishStatus.UNCHANGED);
        RepositoryReport committed = report(PublishStatus.COMMITTED);
        RepositoryReport would = report(PublishStatus.WOULD_CHANGE);
        RepositoryReport failed = report(PublishStatus.FAILED);
        assertEquals(0, new PublishReport(List.of(ok, committed)).exitCode());
        assertEquals(3, new PublishReport(List.of(ok, would)).exitCode());
        assertEquals(1, new PublishReport(List.of(would, failed)).exitCode());
        assertEquals(0, new PublishReport(List.of()).exitCode());
    }

    @Test
    void lockReasonComesFromTheStatusOrTheServersSideBand() {
        assertEquals("failed to lock", Publisher.lockReason("failed to lock", null)); // JGit's receive-pack
        assertEquals("cannot lock ref 'refs/heads/main': Unable to create '/srv/r.git/refs/heads/main.lock': File exists.",
                Publisher.lockReason("failed to update ref", "remote: error: cannot lock ref 'refs/heads/main': "
                        + "Unable to create '/srv/r.git/refs/heads/main.lock': File exists.\nremote: \nremote: Another git process"));
        assertNull(Publisher.lockReason("failed to update ref", "remote: error: hook declined\n"));
        assertNull(Publisher.lockReason(null, null));
    }

    private static RepositoryReport report(PublishStatus s) {
        return new RepositoryReport("u", "main", s, null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), "", "", 1);
    }
}
