package io.orca.helm;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The strict fake itself: answers only what was scripted, once each, and fails on anything else. */
class StrictFakeHelmTest {
    private static final ReleaseRef R = new ReleaseRef("alpha-network", "alpha-bes");
    private static final KubeTarget K = new KubeTarget(Path.of("/k/config"), "alpha");
    private static final ReleaseStatus DEPLOYED = new ReleaseStatus("alpha-network", "alpha-bes", 1, "deployed",
            "besu-network-0.1.0", "24.1.0", Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void answersWhatWasScriptedAndRecordsTheCall() {
        StrictFakeHelm helm = new StrictFakeHelm().onStatus(R).returns(Optional.of(DEPLOYED));
        assertEquals(Optional.of(DEPLOYED), helm.status(K, R));
        assertEquals(List.of("status alpha-bes/alpha-network"), helm.callKeys());
        assertEquals(List.of(K, R), helm.calls().get(0).arguments());
        helm.verify();
    }

    @Test
    void anUnscriptedCallFailsNamingTheCall() {
        StrictFakeHelm helm = new StrictFakeHelm().onStatus(R).returns(Optional.empty());
        ReleaseRequest request = new ReleaseRequest(R, Path.of("charts/besu-network"), Values.NONE, K);
        AssertionError e = assertThrows(AssertionError.class, () -> helm.upgrade(request, UpgradeOptions.DEFAULT));
        assertTrue(e.getMessage().startsWith("unexpected Helm call: upgrade alpha-bes/alpha-network (chart besu-network"),
                e.getMessage());
        assertTrue(e.getMessage().contains("scripted: [status alpha-bes/alpha-network]"), e.getMessage());
    }

    @Test
    void eachAnswerAnswersOneCallInOrder() {
        StrictFakeHelm helm = new StrictFakeHelm()
                .onHistory(R).returns(List.of())
                .onHistory(R).returns(List.of(new ReleaseRevision(1, null, "deployed", "c-1", "1", "Install complete")));
        assertEquals(0, helm.history(K, R).size());
        assertEquals(1, helm.history(K, R).size());
        AssertionError e = assertThrows(AssertionError.class, () -> helm.history(K, R));
        assertTrue(e.getMessage().contains("history alpha-bes/alpha-network"), e.getMessage());
        assertTrue(e.getMessage().contains("used up"), e.getMessage());
    }

    @Test
    void theSameOperationOnAnotherReleaseOrRevisionIsUnexpected() {
        StrictFakeHelm helm = new StrictFakeHelm().onGet(R, OptionalInt.of(2)).returns(new ReleaseContent(2, "{}\n", ""));
        assertThrows(AssertionError.class, () -> helm.get(K, R, OptionalInt.of(3)));
        assertThrows(AssertionError.class, () -> helm.get(K, R, OptionalInt.empty()));
        assertThrows(AssertionError.class, () -> helm.get(K, new ReleaseRef("alpha-network", "other"), OptionalInt.of(2)));
        assertEquals(2, helm.get(K, R, OptionalInt.of(2)).revision());
    }

    @Test
    void aSwallowedUnexpectedCallStillFailsVerify() {
        StrictFakeHelm helm = new StrictFakeHelm();
        try {
            helm.uninstall(K, R);
        } catch (AssertionError ignored) {
            // the code under test might catch Throwable; verify() must still fail
        }
        AssertionError e = assertThrows(AssertionError.class, helm::verify);
        assertTrue(e.getMessage().contains("unexpected Helm call: uninstall alpha-bes/alpha-network"), e.getMessage());
    }

    @Test
    void aScriptedCallNeverMadeFailsVerify() {
        StrictFakeHelm helm = new StrictFakeHelm().onRollback(R, 1).returns(DEPLOYED).onList(null).returns(List.of());
        helm.list(K, null);
        AssertionError e = assertThrows(AssertionError.class, helm::verify);
        assertTrue(e.getMessage().contains("scripted Helm call never made: rollback alpha-bes/alpha-network to 1"), e.getMessage());
        assertFalse(e.getMessage().lines().findFirst().orElse("").contains("list"), e.getMessage());
    }

    @Test
    void failsLikeTheRealEngine() {
        StrictFakeHelm helm = new StrictFakeHelm().onUpgrade(R).fails("upgrade alpha-bes/alpha-network: timed out waiting for the condition");
        HelmException e = assertThrows(HelmException.class, () ->
                helm.upgrade(new ReleaseRequest(R, Path.of("c"), Values.NONE, K), UpgradeOptions.DEFAULT));
        assertEquals("upgrade alpha-bes/alpha-network: timed out waiting for the condition", e.getMessage());
        helm.verify();
    }

    @Test
    void answersMayBeComputedFromTheCall() {
        StrictFakeHelm helm = new StrictFakeHelm().onTemplate(R).answers(c -> "# " + ((TemplateRequest) c.arguments().get(0)).values().yaml());
        assertEquals("# a: 1\n", helm.template(new TemplateRequest(R, Path.of("c"), Values.yaml("a: 1\n"))));
        helm.verify();
    }

    @Test
    void threadSafe() throws Exception {
        StrictFakeHelm helm = new StrictFakeHelm();
        for (int i = 0; i < 50; i++) helm.onUninstall(new ReleaseRef("r" + i, "ns")).returns(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> f = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                ReleaseRef r = new ReleaseRef("r" + i, "ns");
                f.add(pool.submit(() -> helm.uninstall(K, r)));
            }
            for (Future<Boolean> x : f) assertSame(Boolean.TRUE, x.get());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(50, helm.calls().size());
        helm.verify();
    }
}
