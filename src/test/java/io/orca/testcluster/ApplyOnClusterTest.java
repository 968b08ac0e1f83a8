package io.orca.testcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.orca.app.Effects;
import io.orca.cli.Main;
import io.orca.helm.HelmEngine;
import io.orca.helm.ReleaseRef;
import io.orca.kube.KubeTarget;
import io.orca.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: {@code orca apply}, {@code status} and {@code destroy} (dev mode) through the command line, against real
 * API servers with Helm's engine in-process: the Besu example on two clusters at once, idempotence, one upgrade, a
 * prune, a failing release with and without --atomic, destroy twice.
 */
@ClusterTest
class ApplyOnClusterTest {
    private static final String MEMBER_2 = """
                      - peer:
                        name: member-2
                        subject: "O=Beta,OU=Member2,L=51.50/-0.13/London,C=GB"
                        p2p: { port: 30303 }
                        rpc: { port: 8545 }
                        ws: { port: 8546 }
                        tm_nodeport: { port: 9000 }
                        tm_clientport: { port: 8888 }
                        metrics: { enabled: true, port: 9545 }
            """;

    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }

        /** The STATUS column of a release's row in the summary table. */
        String status(String release) {
            for (String line : out.split("\n")) {
                String[] f = line.trim().split("\\s{2,}");
                if (f.length >= 6 && f[0].equals(release)) return f[4];
            }
            return null;
        }

        long count(String status) {
            return out.lines().map(l -> l.trim().split("\\s{2,}")).filter(f -> f.length >= 6 && f[4].equals(status)).count();
        }
    }

    static synchronized Run orca(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    static String context(Path kubeconfig) throws Exception {
        Matcher m = Pattern.compile("(?m)^current-context:\\s*\"?([^\"\\s]+)").matcher(Files.readString(kubeconfig));
        assertTrue(m.find(), "no current-context in " + kubeconfig);
        return m.group(1);
    }

    /** The example with unique organization names, each on its cluster, optionally with beta's member-2. */
    static String network(String a, TestCluster ca, String b, TestCluster cb, boolean member2) throws Exception {
        String yaml = Files.readString(Project.dir().resolve("examples/besu-two-orgs.yaml"), StandardCharsets.UTF_8);
        yaml = yaml.replace("context: kind-alpha\n        config_file: ~/.kube/config", "context: " + context(ca.kubeconfig())
                        + "\n        config_file: " + ca.kubeconfig())
                .replace("context: kind-beta\n        config_file: ~/.kube/config", "context: " + context(cb.kubeconfig())
                        + "\n        config_file: " + cb.kubeconfig());
        if (member2) yaml = yaml + MEMBER_2;
        return yaml.replace("alpha", a).replace("beta", b);
    }

    static Path write(Path dir, String name, String yaml) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, yaml, StandardCharsets.UTF_8);
        return p;
    }

    static String suffix() {
        return Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 99_999));
    }

    static void assertAllReady(KubernetesClient client, String ns, int statefulSets) {
        List<StatefulSet> sets = client.apps().statefulSets().inNamespace(ns).list().getItems();
        assertEquals(statefulSets, sets.size(), ns + " StatefulSets");
        for (StatefulSet s : sets) {
            assertFalse(s.getSpec().getVolumeClaimTemplates().isEmpty(), s.getMetadata().getName() + " has volume claim templates");
            assertEquals(s.getSpec().getReplicas(), s.getStatus().getReadyReplicas(), s.getMetadata().getName() + " ready replicas");
        }
        List<PersistentVolumeClaim> claims = client.persistentVolumeClaims().inNamespace(ns).list().getItems();
        assertTrue(claims.size() >= statefulSets, ns + " claims: " + claims.size());
        for (PersistentVolumeClaim c : claims) assertEquals("Bound", c.getStatus().getPhase(), c.getMetadata().getName());
    }

    /** Helm's stored revisions of a release (its record Secrets). */
    static List<String> revisions(KubernetesClient client, String ns, String release) {
        List<String> out = new ArrayList<>();
        client.secrets().inNamespace(ns).withLabel("owner", "helm").withLabel("name", release).list().getItems()
                .forEach(s -> out.add(s.getMetadata().getLabels().get("version")));
        out.sort(null);
        return out;
    }

    @Test
    void theExampleOnTwoClustersIsReadyIdempotentUpgradesOneReleasePrunesARemovedNodeAndIsDestroyedTwice(TestCluster ca,
                                                                                                       @TempDir Path tmp) throws Exception {
        String s = suffix();
        String a = "al" + s;
        String b = "be" + s;
        String nsA = a + "-bes";
        String nsB = b + "-bes";
        try (TestCluster cb = TestCluster.start(System.getProperty("orca.testCluster.name", "junit") + "-b")) {
            Path full = write(tmp, "full.yaml", network(a, ca, b, cb, true));
            String state = tmp.resolve("state").toString();

            Run first = orca("apply", full.toString(), "--state-dir", state, "--timeout", "3m");
            assertEquals(0, first.code(), first::toString);
            assertEquals(10, first.count("INSTALLED"), first::toString);
            assertAllReady(ca.client(), nsA, 4);
            assertAllReady(cb.client(), nsB, 4);
            assertTrue(ca.client().namespaces().withName(nsB).get() == null, "beta is not on alpha's cluster");

            // Re-apply from another machine (an empty state folder): the keys come back from the clusters, nothing changes.
            Run again = orca("apply", full.toString(), "--state-dir", tmp.resolve("other-machine").toString());
            assertEquals(0, again.code(), again::toString);
            assertEquals(10, again.count("UNCHANGED"), again::toString);
            assertEquals(List.of("1"), revisions(ca.client(), nsA, a + "-validator-1"));
            assertEquals(List.of("1"), revisions(cb.client(), nsB, b + "-member-1"));

            // One validator's value: exactly that release upgraded.
            String text = Files.readString(full);
            int v3 = text.indexOf("enabled: false", text.indexOf("name: validator-3"));
            String metrics = text.substring(0, v3) + "enabled: true" + text.substring(v3 + "enabled: false".length());
            Path changed = write(tmp, "metrics.yaml", metrics);
            Run dryRun = orca("apply", changed.toString(), "--state-dir", state, "--dry-run");
            assertEquals(3, dryRun.code(), dryRun::toString);
            assertEquals("WOULD UPGRADE", dryRun.status(a + "-validator-3"), dryRun::toString);
            assertEquals(9, dryRun.count("UNCHANGED"), dryRun::toString);
            assertTrue(dryRun.out().contains("--- " + nsA + "/" + a + "-validator-3 values (live)"), dryRun::toString);
            assertTrue(dryRun.out().contains("+++ " + nsA + "/" + a + "-validator-3 manifest (planned)"), dryRun::toString);
            assertEquals(List.of("1"), revisions(ca.client(), nsA, a + "-validator-3"), "a dry run changes nothing");
            Run upgrade = orca("apply", changed.toString(), "--state-dir", state);
            assertEquals(0, upgrade.code(), upgrade::toString);
            assertEquals(1, upgrade.count("UPGRADED"), upgrade::toString);
            assertEquals("UPGRADED", upgrade.status(a + "-validator-3"), upgrade::toString);
            assertEquals(9, upgrade.count("UNCHANGED"), upgrade::toString);
            assertEquals(List.of("1", "2"), revisions(ca.client(), nsA, a + "-validator-3"));

            // A node removed: its releases (node and transaction manager) uninstalled, nothing else changes.
            Path removed = write(tmp, "removed.yaml", metrics.replace(MEMBER_2.replace("alpha", a).replace("beta", b), ""));
            assertFalse(Files.readString(removed).contains("member-2"));
            Run prune = orca("apply", removed.toString(), "--state-dir", state);
            assertEquals(0, prune.code(), prune::toString);
            assertEquals("UNINSTALLED", prune.status(b + "-member-2"), prune::toString);
            assertEquals("UNINSTALLED", prune.status(b + "-member-2-tessera"), prune::toString);
            assertEquals(8, prune.count("UNCHANGED"), prune::toString);
            assertEquals(List.of(), revisions(cb.client(), nsB, b + "-member-2"));
            assertEquals(List.of("1"), revisions(cb.client(), nsB, b + "-member-1"));

            Run status = orca("status", removed.toString(), "-o", "json");
            assertEquals(0, status.code(), status::toString);
            JsonNode json = new ObjectMapper().readTree(status.out());
            assertTrue(json.path("ready").asBoolean(), status::toString);
            assertEquals("dev", json.path("organizations").path(0).path("mode").asText());
            assertEquals(5, json.path("organizations").path(0).path("items").size());

            // Destroy: releases gone, claims and key material kept with their namespaces; twice is fine.
            Run destroy = orca("destroy", removed.toString(), "--yes");
            assertEquals(0, destroy.code(), destroy::toString);
            assertEquals(8, destroy.count("UNINSTALLED"), destroy::toString);
            assertEquals(List.of(), revisions(ca.client(), nsA, a + "-network"));
            assertEquals(0, ca.client().pods().inNamespace(nsA).list().getItems().size());
            assertFalse(ca.client().persistentVolumeClaims().inNamespace(nsA).list().getItems().isEmpty(), "claims kept");
            assertFalse(cb.client().secrets().inNamespace(nsB).withLabel("orca.dev/generated", "true").list().getItems().isEmpty(),
                    "key material kept");
            Run gone = orca("status", removed.toString());
            assertEquals(1, gone.code(), gone::toString);
            Run twice = orca("destroy", removed.toString(), "--yes");
            assertEquals(0, twice.code(), twice::toString);

            Run purge = orca("destroy", removed.toString(), "--yes", "--purge-data");
            assertEquals(0, purge.code(), purge::toString);
            assertNull(ca.client().namespaces().withName(nsA).get(), purge::toString);
            assertNull(cb.client().namespaces().withName(nsB).get(), purge::toString);
            Run afterPurge = orca("destroy", removed.toString(), "--yes", "--purge-data");
            assertEquals(0, afterPurge.code(), afterPurge::toString);
        }
    }

    @Test
    void aReleaseThatNeverGetsReadyIsNamedItsDependentsAreNotStartedAndAtomicRestoresThePreviousRevision(TestCluster c,
                                                                                                         @TempDir Path tmp) throws Exception {
        String s = suffix();
        String a = "al" + s;
        String b = "be" + s;
        String nsB = b + "-bes";
        String good = network(a, c, b, c, false);
        Path ok = write(tmp, "ok.yaml", good);
        // beta's Pods may only run on an architecture no node has: its StatefulSets never get Ready.
        Path bad = write(tmp, "bad.yaml", good.replace("kubernetes.io/arch: arm64", "kubernetes.io/arch: s390x"));
        String state = tmp.resolve("state").toString();
        try {
            Run first = orca("apply", ok.toString(), "--state-dir", state);
            assertEquals(0, first.code(), first::toString);

            Run failed = orca("apply", bad.toString(), "--state-dir", state, "--timeout", "15s");
            assertEquals(1, failed.code(), failed::toString);
            assertEquals("FAILED", failed.status(b + "-member-1-tessera"), failed::toString);
            assertEquals("SKIPPED", failed.status(b + "-member-1"), failed::toString);
            assertTrue(failed.out().contains("FAILED " + nsB + "/" + b + "-member-1-tessera: not ready after 15s"), failed::toString);
            assertTrue(failed.out().contains("SKIPPED " + nsB + "/" + b + "-member-1: depends on " + b + "-member-1-tessera"),
                    failed::toString);
            for (String r : List.of("-network", "-validator-1", "-validator-2", "-validator-3", "-validator-4")) {
                assertEquals("UNCHANGED", failed.status(a + r), failed::toString);
            }
            assertEquals(1, orca("status", bad.toString(), "--org", b).code());

            // Repairing replaces the Pod the bad revision left Pending (Kubernetes' StatefulSet would wait for ever).
            Run repaired = orca("apply", ok.toString(), "--state-dir", state, "--timeout", "2m");
            assertEquals(0, repaired.code(), repaired::toString);
            List<String> before = revisions(c.client(), nsB, b + "-member-1-tessera");

            Run atomic = orca("apply", bad.toString(), "--state-dir", state, "--timeout", "15s", "--atomic");
            assertEquals(1, atomic.code(), atomic::toString);
            assertTrue(atomic.out().contains("ROLLED BACK " + nsB + "/" + b + "-member-1-tessera"), atomic::toString);
            assertTrue(atomic.out().contains("(now revision ") && atomic.out().contains(", Ready"), atomic::toString);
            assertEquals("SKIPPED", atomic.status(b + "-member-1"), atomic::toString);
            HelmEngine helm = Effects.helm(Effects.KUBERNETES);
            KubeTarget target = new KubeTarget(c.kubeconfig(), context(c.kubeconfig()));
            String values = helm.get(target, new ReleaseRef(b + "-member-1-tessera", nsB), OptionalInt.empty()).values();
            assertTrue(values.contains("arm64") && !values.contains("s390x"), values);
            assertEquals(before.size() + 2, revisions(c.client(), nsB, b + "-member-1-tessera").size(), "the failed and the restoring revision");
        } finally {
            orca("destroy", ok.toString(), "--yes", "--purge-data", "--timeout", "1m");
        }
    }
}
