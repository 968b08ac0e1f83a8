package io.orca.platform.besu;

import io.orca.app.GenerateService;
import io.orca.plan.DeploymentPlan;
import io.orca.plan.MaterialSource;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.ReleasePlan;
import io.orca.plan.SecretPlan;
import io.orca.render.Generated;
import io.orca.render.Manifests;
import io.orca.render.RepositoryTree;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Peering stays bounded (docs/decisions/0009-bounded-peering.md): static nodes are the validators, bootnodes the
 * flagged nodes or else the validators, Tessera peers config.tm_nodes or else a bootstrap set of at most 3.
 */
class BesuPeeringTest {

    /** A network like bench/gen-network.py's: the first {@code validatorOrgs} organizations run 4 validators each. */
    record Net(int orgs, int validatorOrgs, int membersPerOrg, boolean flagBootnodes, List<String> tmNodes) {
        String yaml() {
            StringBuilder b = new StringBuilder("""
                    network:
                      type: besu
                      version: "22.10.2"
                      env:
                        type: test
                        proxy: none
                        retry_count: 5
                        external_dns: disabled
                      docker:
                        url: docker.io
                      config:
                        consensus: qbft
                        chain_id: 2026
                        transaction_manager: tessera
                        tm_version: "21.7.3"
                        tm_tls: false
                        tm_trust: tofu
                    """);
            if (!tmNodes.isEmpty()) {
                b.append("    tm_nodes:\n");
                tmNodes.forEach(u -> b.append("      - \"").append(u).append("\"\n"));
            }
            b.append("  organizations:\n");
            for (int i = 1; i <= orgs; i++) {
                boolean validator = i <= validatorOrgs;
                b.append("""
                            - organization:
                              name: %s
                              type: %s
                              external_url_suffix: %s.example.test
                              k8s:
                                context: kind-%s
                                config_file: ~/.kube/config
                              services:
                        """.formatted(org(i), validator ? "validator" : "member", org(i), org(i)));
                b.append(validator ? "        validators:\n" : "        peers:\n");
                for (int s = 1; s <= (validator ? 4 : membersPerOrg); s++) {
                    b.append(validator ? "          - validator:\n" : "          - peer:\n");
                    b.append("            name: ").append(validator ? "validator-" : "member-").append(s).append('\n');
                    if (validator) b.append("            bootnode: ").append(flagBootnodes && s == 1).append('\n');
                    else b.append("            subject: \"O=").append(org(i)).append(",OU=Member,L=London,C=GB\"\n");
                }
            }
            return b.toString();
        }

        static String org(int i) {
            return String.format("org-%03d", i);
        }
    }

    private static GenerateService.Outcome generate(Net net) {
        GenerateService.Outcome o = GenerateService.plan("network.yaml", net.yaml().getBytes(StandardCharsets.UTF_8),
                MaterialSource.NONE, Generated.seeded(42));
        assertTrue(o.ok(), () -> "did not plan: " + o.diagnostics());
        return o;
    }

    private static ReleasePlan release(DeploymentPlan plan, String name) {
        return plan.organizations().stream().flatMap(op -> op.releases().stream()).filter(r -> r.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no release " + name));
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(ReleasePlan r, String key) {
        return (List<String>) r.values().get(key);
    }

    /** The enode URL of a node, from its node key's public half, as the planner derives it. */
    private static String enode(DeploymentPlan plan, String org, String node) {
        SecretPlan key = plan.organizations().stream().flatMap(op -> op.secrets().stream())
                .filter(s -> s.name().equals(org + "-" + node + "-nodekey")).findFirst().orElseThrow();
        return "enode://" + key.publicData().get("publicKey") + "@" + org + "-" + node + "." + org + "-bes.svc.cluster.local:30303?discport=30303";
    }

    private static String tessera(String org, String node) {
        return "http://" + org + "-" + node + "-tessera." + org + "-bes.svc.cluster.local:9000";
    }

    private static List<ReleasePlan> tesseraReleases(DeploymentPlan plan) {
        return plan.organizations().stream().flatMap(op -> op.releases().stream()).filter(r -> r.component().equals("tm")).toList();
    }

    @Test
    void staticNodesAreTheValidatorsOnlySortedAndTheSameEverywhere() {
        DeploymentPlan plan = generate(new Net(6, 2, 3, true, List.of())).plan();
        TreeSet<String> validators = new TreeSet<>();
        for (int i = 1; i <= 2; i++) {
            for (int v = 1; v <= 4; v++) validators.add(enode(plan, Net.org(i), "validator-" + v));
        }
        for (OrganizationPlan op : plan.organizations()) {
            ReleasePlan network = release(plan, op.organization().name() + "-network");
            assertEquals(List.copyOf(validators), list(network, "staticNodes"), op.organization().name());
        }
        String member = enode(plan, "org-003", "member-1");
        assertFalse(list(release(plan, "org-003-network"), "staticNodes").contains(member), "a member is not a static node");
    }

    @Test
    void bootnodesAreTheFlaggedNodes() {
        DeploymentPlan plan = generate(new Net(4, 2, 1, true, List.of())).plan();
        List<String> expected = new TreeSet<>(List.of(enode(plan, "org-001", "validator-1"), enode(plan, "org-002", "validator-1")))
                .stream().toList();
        for (OrganizationPlan op : plan.organizations()) {
            assertEquals(expected, list(release(plan, op.organization().name() + "-network"), "bootnodes"));
        }
    }

    @Test
    void withoutFlaggedBootnodesTheValidatorsAreTheBootnodes() {
        GenerateService.Outcome o = generate(new Net(4, 2, 1, false, List.of()));
        ReleasePlan network = release(o.plan(), "org-004-network");
        assertEquals(8, list(network, "bootnodes").size());
        assertEquals(list(network, "staticNodes"), list(network, "bootnodes"));
        // The same list twice is written twice, not as a YAML anchor and alias.
        String file = o.trees().stream().flatMap(t -> t.files().entrySet().stream())
                .filter(e -> e.getKey().endsWith("/org-004-network.yaml")).findFirst().orElseThrow().getValue();
        assertFalse(file.contains("&id") || file.contains("*id"), file);
        assertEquals(16, file.split("enode://", -1).length - 1);
    }

    @Test
    void aFileWithoutValidatorsBootstrapsDiscoveryFromItsFirstNodes() {
        DeploymentPlan plan = generate(new Net(3, 0, 2, false, List.of())).plan();
        ReleasePlan network = release(plan, "org-003-network");
        assertEquals(List.of(), list(network, "staticNodes"));
        assertEquals(new TreeSet<>(List.of(enode(plan, "org-001", "member-1"), enode(plan, "org-001", "member-2"),
                enode(plan, "org-002", "member-1"))).stream().toList(), list(network, "bootnodes"));
    }

    @Test
    void withoutTmNodesTesseraStartsFromTheFirstThreeNodesNeverItself() {
        DeploymentPlan plan = generate(new Net(5, 1, 2, false, List.of())).plan();
        // Tessera nodes in network.yaml order: org-002 member-1, member-2, org-003 member-1, ...
        List<String> seeds = List.of(tessera("org-002", "member-1"), tessera("org-002", "member-2"), tessera("org-003", "member-1"));
        List<ReleasePlan> tm = tesseraReleases(plan);
        assertEquals(8, tm.size());
        for (ReleasePlan r : tm) {
            List<String> peers = list(r, "peers");
            String self = "http://" + r.name() + "." + r.name().substring(0, 7) + "-bes.svc.cluster.local:9000";
            assertFalse(peers.contains(self), r.name() + " lists itself");
            assertTrue(peers.size() <= 3, r.name() + ": " + peers);
            assertTrue(seeds.containsAll(peers), r.name() + ": " + peers);
            assertEquals(peers.stream().sorted().toList(), peers, "sorted");
            List<String> expected = new ArrayList<>(seeds);
            expected.remove(self);
            assertEquals(expected.stream().sorted().toList(), peers, r.name());
        }
        assertEquals(2, list(release(plan, "org-002-member-1-tessera"), "peers").size());
        assertEquals(3, list(release(plan, "org-005-member-2-tessera"), "peers").size());
    }

    @Test
    void tmNodesNamingMembersOfTheFileBecomeInClusterUrlsOthersAreKept() {
        List<String> tmNodes = List.of(
                "http://org-002-member-1-tessera.org-002-bes:9000",   // release name, as bench/gen-network.py writes it
                "https://org-003-member-2.example.test:443",          // release name, public address
                "http://member-1-tessera.org-004-bes:9000",           // node name and its namespace
                "https://tessera.partner.example:443",                // a node outside this file
                "http://org-002-member-1-tessera.org-002-bes:9000");  // a repeat
        DeploymentPlan plan = generate(new Net(4, 1, 2, false, tmNodes)).plan();
        List<String> all = List.of(tessera("org-002", "member-1"), tessera("org-003", "member-2"), tessera("org-004", "member-1"),
                "https://tessera.partner.example:443").stream().sorted().toList();
        for (ReleasePlan r : tesseraReleases(plan)) {
            List<String> expected = all.stream().filter(u -> !u.contains("//" + r.name() + ".")).toList();
            assertEquals(expected, list(r, "peers"), r.name());
        }
        assertEquals(3, list(release(plan, "org-002-member-1-tessera"), "peers").size(), "not itself");
        assertEquals(4, list(release(plan, "org-002-member-2-tessera"), "peers").size());
    }

    @Test
    void aNodeNameSharedByOrganizationsWithoutNamespaceIsKeptAsWritten() {
        // "member-1" is a node of every member organization: without a namespace it names none of them for sure.
        String ambiguous = "http://member-1-tessera:9000";
        DeploymentPlan plan = generate(new Net(3, 1, 1, false, List.of(ambiguous))).plan();
        for (ReleasePlan r : tesseraReleases(plan)) assertEquals(List.of(ambiguous), list(r, "peers"), r.name());
    }

    /**
     * Output grows linearly: with the same validators, doubling the members leaves every organization's network
     * release and every Tessera release the same size, so the whole output about doubles.
     */
    @Test
    void perReleaseValuesDoNotGrowWithTheNumberOfMembers() {
        GenerateService.Outcome small = generate(new Net(20, 2, 5, true, List.of()));
        GenerateService.Outcome large = generate(new Net(40, 2, 5, true, List.of()));
        Map<String, Integer> smallSizes = valueSizes(small.plan());
        Map<String, Integer> largeSizes = valueSizes(large.plan());
        assertEquals(20 + 8 + 2 * 18 * 5, smallSizes.size());
        assertEquals(40 + 8 + 2 * 38 * 5, largeSizes.size());
        smallSizes.forEach((release, size) -> assertEquals(size, largeSizes.get(release), release));
        // The releases only the larger network has are no larger than the same kind of release in the smaller one.
        for (String kind : List.of("-network", "-tessera", "-member-1")) {
            assertEquals(max(smallSizes, kind), max(largeSizes, kind), kind);
        }
        double ratio = (double) bytes(large) / bytes(small);
        assertTrue(ratio > 1.8 && ratio < 2.2, "output bytes grow linearly: 40 orgs / 20 orgs = " + ratio);
    }

    private static int max(Map<String, Integer> sizes, String suffix) {
        return sizes.entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).mapToInt(Map.Entry::getValue).max().orElseThrow();
    }

    private static Map<String, Integer> valueSizes(DeploymentPlan plan) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (OrganizationPlan op : plan.organizations()) {
            for (ReleasePlan r : op.releases()) sizes.put(r.name(), Manifests.yaml(r.values()).length());
        }
        return sizes;
    }

    private static long bytes(GenerateService.Outcome o) {
        long n = 0;
        for (RepositoryTree t : o.trees()) {
            for (String f : t.files().values()) n += f.length();
        }
        return n;
    }
}
