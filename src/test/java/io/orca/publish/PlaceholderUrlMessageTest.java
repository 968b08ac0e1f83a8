package io.orca.publish;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.orca.publish.Fixtures.change;
import static io.orca.publish.Fixtures.org;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11: "cannot reach https://github.com/&lt;username&gt;/bevel.git: github.com" said neither that the host was
 * unreachable nor that the URL still held a sample's placeholder. A closed loopback port stands for the unreachable
 * host (no network needed).
 */
class PlaceholderUrlMessageTest {
    @TempDir
    Path tmp;

    @Test
    void anUnreachableUrlWithAPlaceholderSaysSo() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/<username>/bevel.git";
        RepositoryReport r = new Publisher(PublishOptions.defaults(tmp.resolve("cache")))
                .publish(List.of(change(new GitTarget(url, "main", GitCredentials.none()), org("org1", "r", 1, "1"))))
                .repositories().get(0);
        assertEquals(PublishStatus.FAILED, r.status());
        assertTrue(r.message().startsWith("cannot reach " + url), r.message());
        assertTrue(r.message().contains("the URL still holds a placeholder"), r.message());
        assertTrue(r.message().contains("gitops.git_url"), r.message());
    }
}
