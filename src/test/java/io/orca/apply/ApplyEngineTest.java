package io.orca.apply;

import io.orca.helm.ReleaseContent;
import io.orca.helm.ReleaseRef;
import io.orca.helm.ReleaseRevision;
import io.orca.helm.ReleaseStatus;
import io.orca.helm.StrictFakeHelm;
import io.orca.kube.FakeKubernetes;
import io.orca.kube.KubeTarget;
import io.orca.kube.ObjectRef;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The apply engine on the seams' fakes (fast; the cluster proof is ApplyOnClusterTest): dependency order, a failure
 * named with Helm's reason, its dependents never started, independent releases finished, no new revision when
 * nothing changed, Orca's namespace, inventory and Secrets.
 */
class ApplyEngineTest {
    private static final KubeTarget TARGET = new KubeTarget(Path.of("/nonexistent/kubeconfig"), "ctx");
    private static final String NS = "o-bes";

    private static ReleaseUnit unit(String name, String... deps) {
        return new ReleaseUnit("o", TARGET, new ReleaseRef(name, NS), "chart", "0.1.0", Path.of("/charts/chart"), "d1",
                "x: 1\n", List.of(deps));
    }

    private static OrganizationUnit org(List<ReleaseUnit> releases) {
        Map<String, Object> secret = Map.of("apiVersion", "v1", "kind", "Secret", "type", "Opaque",
                "metadata", Map.of("name", "o-key", "namespace", NS, "labels", Map.of(Labels.MANAGED_BY, Labels.ORCA,
                        Labels.ORGANIZATION, "o", Labels.GENERATED, "true")), "data", Map.of("k", "dg=="));
        return new OrganizationUnit("o", "besu-dev", NS, TARGET, List.of(secret), releases);
    }

    private static void installs(StrictFakeHelm helm, String name) {
        ReleaseRef ref = new ReleaseRef(name, NS);
        helm.onHistory(ref).returns(List.of());
        helm.onUpgrade(ref).returns(new ReleaseStatus(name, NS, 1, "deployed", "chart-0.1.0", "", null));
        helm.onGet(ref, OptionalInt.of(1)).returns(new ReleaseContent(1, "x: 1\n", ""));
    }

    private static Map<String, ReleaseResult> byName(ApplyReport r) {
        return r.releases().stream().collect(Collectors.toMap(ReleaseResult::name, Function.identity()));
    }

    @Test
    void aFailedReleaseIsNamedItsDependentsAreSkippedAndIndependentReleasesFinish() {
        StrictFakeHelm helm = new StrictFakeHelm();
        installs(helm, "net");
        installs(helm, "c");
        helm.onHistory(new ReleaseRef("a", NS)).returns(List.of());
        helm.onUpgrade(new ReleaseRef("a", NS)).fails("install o-bes/a: chart requires kubeVersion >= 9");
        FakeKubernetes kube = new FakeKubernetes(TARGET);
        ApplyReport report = new ApplyEngine(helm, t -> kube, ApplyOptions.DEFAULT.withPollMillis(10), new Cancellation(), Progress.NONE)
                .apply(List.of(org(List.of(unit("net"), unit("a", "net"), unit("b", "a"), unit("c", "net")))));
        Map<String, ReleaseResult> r = byName(report);
        assertEquals(Phase.INSTALLED, r.get("net").phase());
        assertEquals(Phase.FAILED, r.get("a").phase());
        assertTrue(r.get("a").message().contains("kubeVersion >= 9"), r.get("a").message());
        assertEquals(Phase.SKIPPED, r.get("b").phase());
        assertEquals("depends on a, which failed", r.get("b").message());
        assertEquals(Phase.INSTALLED, r.get("c").phase());
        assertEquals(1, report.exitCode());
        helm.verify(); // b was never installed: the strict fake fails any unscripted call
        assertTrue(kube.stored().contains(ObjectRef.namespace(NS)));
        assertTrue(kube.stored().contains(ObjectRef.secret(NS, "o-key")));
        assertEquals(List.of("net", "a", "b", "c"), Inventory.read(kube, NS).orElseThrow().releases(),
                "the inventory lists the planned releases before they are installed");
    }

    @Test
    void anUnchangedReleaseGetsNoNewRevision() {
        StrictFakeHelm helm = new StrictFakeHelm();
        ReleaseRef ref = new ReleaseRef("net", NS);
        helm.onHistory(ref).returns(List.of(new ReleaseRevision(3, null, "deployed", "chart-0.1.0", "",
                "orca apply " + ReleaseApplier.DIGEST_MARK + "d1")));
        // Helm gives values back as JSON-like data: 1.0 for 1, keys in any order.
        helm.onGet(ref, OptionalInt.of(3)).returns(new ReleaseContent(3, "x: 1.0\n", ""));
        FakeKubernetes kube = new FakeKubernetes(TARGET);
        ApplyReport report = new ApplyEngine(helm, t -> kube, ApplyOptions.DEFAULT.withPollMillis(10), new Cancellation(), Progress.NONE)
                .apply(List.of(org(List.of(unit("net")))));
        assertEquals(Phase.UNCHANGED, report.releases().get(0).phase());
        assertEquals(3, report.releases().get(0).revision());
        assertEquals(0, report.exitCode());
        helm.verify(); // no upgrade call
    }
}
