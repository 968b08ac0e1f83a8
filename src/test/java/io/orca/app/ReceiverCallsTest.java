package io.orca.app;

import com.sun.net.httpserver.HttpServer;
import io.orca.plan.NewMaterial;
import io.orca.plan.SecretPlan;
import io.orca.model.Secret;
import io.orca.publish.PublishOptions;
import io.orca.render.FluxReceiver;
import io.orca.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** publish calls the Flux Receiver of each organization whose repository got a commit; unreachable is a warning. */
class ReceiverCallsTest {
    @TempDir
    Path tmp;

    private PublishService.Result publish(String receiverUrl) throws Exception {
        if (!Files.exists(tmp.resolve("alpha.git"))) {
            org.eclipse.jgit.api.Git.init().setBare(true).setInitialBranch("main").setDirectory(tmp.resolve("alpha.git").toFile()).call().close();
        }
        String yaml = Files.readString(Project.dir().resolve("examples/besu-two-orgs.yaml"))
                .replace("      external_url_suffix: alpha.example.test\n", """
                              external_url_suffix: alpha.example.test
                              gitops:
                                git_url: %s
                                receiver_url: %s
                        """.formatted(tmp.resolve("alpha.git").toUri(), receiverUrl));
        PublishService.Result r = PublishService.publish(new PublishService.Request("network.yaml", yaml.getBytes(StandardCharsets.UTF_8),
                tmp, tmp.resolve("state"), PublishOptions.defaults(tmp.resolve("cache")), false, new CredentialResolver(k -> null)));
        assertTrue(r.report() != null, () -> r.refusal() + " " + (r.outcome() == null ? "" : r.outcome().diagnostics()));
        return r;
    }

    private void keepToken(String token) {
        new LocalMaterialStore(tmp.resolve("state")).save(List.of(new NewMaterial("alpha",
                new SecretPlan(FluxReceiver.TOKEN_SECRET, new TreeMap<>(Map.of("token", Secret.of(token))), new TreeMap<>()))));
    }

    @Test
    void aCommitCallsTheReceiverAtTheHookPathDerivedFromTheKeptToken() throws Exception {
        List<String> paths = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            paths.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        try {
            keepToken("t0ken");
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            PublishService.Result first = publish(url);
            List<ReceiverCalls.Call> calls = ReceiverCalls.afterPublish(first, tmp.resolve("state"), ReceiverCalls.HTTP);
            assertEquals(1, calls.size(), calls.toString());
            assertTrue(calls.get(0).ok(), calls.toString());
            assertEquals(List.of("POST " + FluxReceiver.webhookPath("t0ken", "flux-dev")), paths);
            assertFalse(calls.get(0).message().contains(FluxReceiver.webhookPath("t0ken", "flux-dev")), "the hook path is not printed");
            // Nothing committed the second time: no call.
            assertEquals(List.of(), ReceiverCalls.afterPublish(publish(url), tmp.resolve("state"), ReceiverCalls.HTTP));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnreachableReceiverOrAMissingTokenIsAWarningNeverAFailure() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        PublishService.Result r = publish("http://127.0.0.1:" + closed);
        assertEquals(0, r.exitCode());
        List<ReceiverCalls.Call> noToken = ReceiverCalls.afterPublish(r, tmp.resolve("state"), ReceiverCalls.HTTP);
        assertEquals(1, noToken.size());
        assertFalse(noToken.get(0).ok());
        assertTrue(noToken.get(0).message().contains("run orca bootstrap"), noToken.get(0).message());
        keepToken("t0ken");
        List<ReceiverCalls.Call> unreachable = ReceiverCalls.afterPublish(r, tmp.resolve("state"), ReceiverCalls.HTTP);
        assertFalse(unreachable.get(0).ok());
        assertTrue(unreachable.get(0).message().contains("not reachable") && unreachable.get(0).message().contains("next interval"),
                unreachable.get(0).message());
    }
}
