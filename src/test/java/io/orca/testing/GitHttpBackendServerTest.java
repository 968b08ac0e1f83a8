package io.orca.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GitHttpBackendServerTest {
    @Test
    void pushAndCloneOverSmartHttpWithBasicAuth(@TempDir Path tmp) throws Exception {
        try (GitHttpBackendServer server = GitHttpBackendServer.startWithBasicAuth(tmp.resolve("srv"), "alice", "s3cret")) {
            server.createBareRepository("r.git", "main");
            Path work = tmp.resolve("work");
            git(tmp, 0, "init", "-q", "--initial-branch=main", work.toString());
            Files.writeString(work.resolve("a.txt"), "hello\n");
            git(work, 0, "add", "a.txt");
            git(work, 0, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "one");
            String authed = server.url("r.git").replace("http://", "http://alice:s3cret@");
            git(work, 0, "push", "-q", authed, "main");
            assertNotEquals(0, git(work, -1, "push", "-q", server.url("r.git").replace("http://", "http://alice:wrong@"), "main"));
            Path clone = tmp.resolve("clone");
            git(tmp, 0, "clone", "-q", authed, clone.toString());
            assertEquals("hello\n", Files.readString(clone.resolve("a.txt")));
        }
    }

    /** The https variant, checked with the git CLI: its certificate chains to the test CA for 127.0.0.1 and localhost. */
    @Test
    void pushAndCloneOverHttpsWithAPrivateCa(@TempDir Path tmp) throws Exception {
        TestCa ca = TestCa.create();
        Path caPem = ca.writeCaPem(tmp.resolve("ca.pem"));
        try (GitHttpBackendServer server = GitHttpBackendServer.startHttps(tmp.resolve("srv"), ca, "alice", "s3cret")) {
            server.createBareRepository("r.git", "main");
            Path work = tmp.resolve("work");
            git(tmp, 0, "init", "-q", "--initial-branch=main", work.toString());
            Files.writeString(work.resolve("a.txt"), "hello\n");
            git(work, 0, "add", "a.txt");
            git(work, 0, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "one");
            String authed = server.url("r.git").replace("https://", "https://alice:s3cret@");
            assertTrue(authed.startsWith("https://alice:s3cret@127.0.0.1:"), authed);
            assertNotEquals(0, gitWithCa(work, -1, "/dev/null", "push", "-q", authed, "main")); // CA not trusted
            gitWithCa(work, 0, caPem.toString(), "push", "-q", authed, "main");
            Path clone = tmp.resolve("clone");
            gitWithCa(tmp, 0, caPem.toString(), "clone", "-q", authed.replace("127.0.0.1", "localhost"), clone.toString());
            assertEquals("hello\n", Files.readString(clone.resolve("a.txt")));
        }
    }

    private static int git(Path dir, int expect, String... args) throws Exception {
        return gitWithCa(dir, expect, null, args);
    }

    /** With {@code caFile} as git's only trusted CA bundle (GIT_SSL_CAINFO, which overrides http.sslCAInfo). */
    private static int gitWithCa(Path dir, int expect, String caFile, String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        if (caFile != null) pb.environment().put("GIT_SSL_CAINFO", caFile);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (expect >= 0) assertEquals(expect, rc, out);
        assertTrue(rc >= 0);
        return rc;
    }
}
