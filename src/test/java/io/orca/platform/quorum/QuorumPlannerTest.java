package io.orca.platform.quorum;

import com.fasterxml.jackson.databind.JsonNode;
import io.orca.app.GenerateService;
import io.orca.plan.DeploymentPlan;
import io.orca.plan.MaterialSource;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.ReleasePlan;
import io.orca.plan.SecretPlan;
import io.orca.platform.ethereum.Address;
import io.orca.platform.ethereum.CanonicalJson;
import io.orca.platform.ethereum.NodeKey;
import io.orca.render.Generated;
import io.orca.testing.Project;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GoQuorum planner: raft, IBFT and QBFT networks, Tessera or none, node keys in geth's form, kept identities. */
class QuorumPlannerTest {
    static GenerateService.Outcome plan(String yaml, MaterialSource material, long seed) {
        GenerateService.Outcome o = GenerateService.plan("n.yaml", yaml.getBytes(StandardCharsets.UTF_8), material, Generated.seeded(seed));
        assertTrue(o.ok(), () -> o.diagnostics().toString());
        return o;
    }

    /** A network of {@code orgs} organizations, each with {@code nodes} peers of the given type. */
    static String network(String consensus, String tm, int orgs, int nodes, String type, String extra) {
        StringBuilder b = new StringBuilder("""
                network:
                  type: quorum
                  version: "23.4.0"
                  env:
                    type: test
                    proxy: none
                  config:
                    consensus: %s
                    transaction_manager: %s
                """.formatted(consensus, tm));
        if (tm.equals("tessera")) b.append("    tm_version: \"23.4.0\"\n    tm_tls: \"off\"\n    tm_trust: tofu\n");
        b.append(extra);
        b.append("  organizations:\n");
        for (int i = 1; i <= orgs; i++) {
            b.append("""
                        - organization:
                          name: org%d
                          k8s:
                            context: kind
                            config_file: ~/.kube/config
                          services:
                            peers:
                    """.formatted(i));
            for (int n = 1; n <= nodes; n++) {
                b.append("          - peer:\n            name: node-").append(n).append("\n            type: ").append(type).append('\n');
            }
        }
        return b.toString();
    }

    static ReleasePlan release(DeploymentPlan plan, String name) {
        return plan.organizations().stream().flatMap(op -> op.releases().stream()).filter(r -> r.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no release " + name));
    }

    static SecretPlan secret(DeploymentPlan plan, String name) {
        return plan.organizations().stream().flatMap(op -> op.secrets().stream()).filter(s -> s.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no secret " + name));
    }

    @SuppressWarnings("unchecked")
    static <T> T value(ReleasePlan r, String path) {
        Object cur = r.values();
        for (String p : path.split("\\.")) cur = ((Map<String, Object>) cur).get(p);
        return (T) cur;
    }

    @Test
    void raftListsEveryNodeInFileOrderWithItsRaftPortEverywhere() {
        DeploymentPlan plan = plan(network("raft", "none", 3, 2, "member", ""), MaterialSource.NONE, 1).plan();
        List<String> staticNodes = value(release(plan, "org1-network"), "staticNodes");
        assertEquals(6, staticNodes.size());
        List<String> hosts = staticNodes.stream().map(u -> u.substring(u.indexOf('@') + 1, u.indexOf(':', u.indexOf('@')))).toList();
        assertEquals(List.of("org1-node-1.org1-quo.svc.cluster.local", "org1-node-2.org1-quo.svc.cluster.local",
                "org2-node-1.org2-quo.svc.cluster.local", "org2-node-2.org2-quo.svc.cluster.local",
                "org3-node-1.org3-quo.svc.cluster.local", "org3-node-2.org3-quo.svc.cluster.local"), hosts, "file order: raft ids");
        for (String u : staticNodes) assertTrue(u.endsWith(":30303?discport=0&raftport=50400"), u);
        for (OrganizationPlan op : plan.organizations()) {
            ReleasePlan net = release(plan, op.organization().name() + "-network");
            assertEquals(staticNodes, value(net, "staticNodes"), "the same raft list in every organization");
            assertEquals(List.of(), value(net, "bootnodes"));
            assertEquals(staticNodes.stream().sorted().toList(), value(net, "permissionedNodes"));
        }
        ReleasePlan node = release(plan, "org2-node-1");
        assertEquals("raft", value(node, "node.consensus"));
        assertEquals(50400, (int) value(node, "ports.raft"));
        assertEquals(50, (int) value(node, "node.maxPeers"));
        assertEquals(null, (Object) value(node, "privacy"));
        JsonNode genesis = CanonicalJson.read(value(release(plan, "org1-network"), "genesis"));
        assertEquals(QuorumGenesis.Consensus.RAFT, QuorumGenesis.read(genesis.toString()).consensus());
        assertFalse(plan.organizations().stream().flatMap(op -> op.releases().stream()).anyMatch(r -> r.chart().equals("tessera")));
    }

    /** Found by the server-side dry run: Bevel's samples give rpc 8546, the default WebSocket port, and no ws. */
    @Test
    void defaultPortsNeverCollideWithTheNodesOwn() {
        String yaml = network("raft", "none", 1, 1, "member", "").replace("            type: member\n",
                "            type: member\n            rpc: { port: 8546 }\n            raft: { port: 50401 }\n");
        DeploymentPlan plan = plan(yaml, MaterialSource.NONE, 8).plan();
        Map<String, Object> ports = value(release(plan, "org1-node-1"), "ports");
        assertEquals(Map.of("p2p", 30303, "rpc", 8546, "ws", 8547, "raft", 50401, "metrics", 9545), ports);
        List<String> staticNodes = value(release(plan, "org1-network"), "staticNodes");
        assertTrue(staticNodes.get(0).endsWith("&raftport=50401"), staticNodes.get(0));
    }

    @Test
    void raftRaisesMaxPeersWithTheNetwork() {
        DeploymentPlan plan = plan(network("raft", "none", 30, 2, "member", ""), MaterialSource.NONE, 2).plan();
        assertEquals(70, (int) value(release(plan, "org1-node-1"), "node.maxPeers"));
    }

    @Test
    void ibftValidatorsArePeersOfTypeValidatorAndSealTheGenesis() {
        String yaml = network("ibft", "tessera", 2, 2, "validator", "").replace(
                "          - peer:\n            name: node-2\n            type: validator\n",
                "          - peer:\n            name: node-2\n            type: member\n");
        DeploymentPlan plan = plan(yaml, MaterialSource.NONE, 3).plan();
        List<Address> validators = new ArrayList<>();
        for (String v : List.of("org1-node-1", "org2-node-1")) {
            validators.add(Address.parse(secret(plan, v + "-nodekey").publicData().get("address")));
            assertEquals("validator", value(release(plan, v), "node.role"));
        }
        assertEquals("member", value(release(plan, "org1-node-2"), "node.role"));
        QuorumGenesis.Summary g = QuorumGenesis.read(value(release(plan, "org1-network"), "genesis"));
        assertEquals(QuorumGenesis.Consensus.IBFT, g.consensus());
        assertEquals(validators.stream().sorted().toList(), g.validators());
        List<String> staticNodes = value(release(plan, "org1-network"), "staticNodes");
        assertEquals(2, staticNodes.size(), "static nodes: the validators");
        assertEquals(staticNodes, value(release(plan, "org1-network"), "bootnodes"), "no flagged bootnode: the validators");
        assertEquals(4, ((List<?>) value(release(plan, "org1-network"), "permissionedNodes")).size());
        // Every peer, validator or member, gets its Tessera (GoQuorum's mode), and the node talks to it over HTTP.
        for (String n : List.of("org1-node-1", "org1-node-2", "org2-node-1", "org2-node-2")) {
            ReleasePlan tm = release(plan, n + "-tessera");
            assertEquals("tessera", tm.chart());
            assertEquals("", value(tm, "mode"));
            assertEquals("23.4.0", value(tm, "image.tag"));
            assertEquals("http://" + n + "-tessera:8888", value(release(plan, n), "privacy.url"));
            assertTrue(release(plan, n).dependsOn().contains(n + "-tessera"));
            List<String> peers = value(tm, "peers");
            assertFalse(peers.stream().anyMatch(p -> p.contains("//" + n + "-tessera.")), "never itself: " + peers);
            assertTrue(peers.size() <= 3, "a bootstrap set: " + peers);
        }
    }

    /** Members-only organizations accept the validators, the bootnodes and their own nodes: bounded, not quadratic. */
    @Test
    void permissionedNodesStayBoundedForMemberOrganizations() {
        StringBuilder yaml = new StringBuilder(network("qbft", "none", 1, 4, "validator", ""));
        String members = network("qbft", "none", 4, 3, "member", "");
        String orgs = members.substring(members.indexOf("  organizations:\n") + "  organizations:\n".length())
                .replace("name: org1\n", "name: m1\n").replace("name: org2\n", "name: m2\n")
                .replace("name: org3\n", "name: m3\n").replace("name: org4\n", "name: m4\n");
        yaml.append(orgs);
        DeploymentPlan plan = plan(yaml.toString(), MaterialSource.NONE, 9).plan();
        List<String> validatorOrg = value(release(plan, "org1-network"), "permissionedNodes");
        assertEquals(16, validatorOrg.size(), "an organization running validators accepts every node");
        List<String> m2 = value(release(plan, "m2-network"), "permissionedNodes");
        assertEquals(7, m2.size(), "4 validators and its own 3 nodes: " + m2);
        assertTrue(m2.stream().filter(u -> u.contains("@m2-")).count() == 3);
        assertFalse(m2.stream().anyMatch(u -> u.contains("@m3-")));
        List<String> raft = value(release(plan(network("raft", "none", 3, 2, "member", ""), MaterialSource.NONE, 1).plan(),
                "org2-network"), "permissionedNodes");
        assertEquals(6, raft.size(), "raft members accept every member");
    }

    @Test
    void qbftNeedsGoQuorum22() {
        String yaml = network("qbft", "none", 1, 4, "validator", "").replace("version: \"23.4.0\"", "version: \"21.4.2\"");
        GenerateService.Outcome o = GenerateService.plan("n.yaml", yaml.getBytes(StandardCharsets.UTF_8), MaterialSource.NONE, Generated.seeded(1));
        assertFalse(o.ok());
        assertTrue(o.diagnostics().stream().anyMatch(d -> d.ruleId().equals("ORCA-E028") && d.message().contains("qbft")), o.diagnostics().toString());
    }

    @Test
    void nodeKeysAreGethsPlainHexAndPermissioningCanBeTurnedOff() {
        DeploymentPlan plan = plan(network("qbft", "none", 1, 4, "validator", "  permissioning:\n    enabled: false\n"), MaterialSource.NONE, 4).plan();
        SecretPlan key = secret(plan, "org1-node-1-nodekey");
        String hex = key.data().get(QuorumPlanner.NODE_KEY).reveal();
        assertTrue(hex.matches("[0-9a-f]{64}"), "geth's nodekey file has no 0x");
        NodeKey k = NodeKey.fromPrivateKey(key.data().get(QuorumPlanner.NODE_KEY));
        assertEquals(k.address().toString(), key.publicData().get("address"));
        assertEquals(k.publicKey().toString(), key.publicData().get("publicKey"));
        assertEquals(Boolean.FALSE, value(release(plan, "org1-node-1"), "node.permissioned"));
    }

    @Test
    void keptKeysKeepTheNetworkAndPublicHalvesAloneKeepIdentities() {
        String yaml = network("ibft", "tessera", 2, 2, "validator", "");
        GenerateService.Outcome first = plan(yaml, MaterialSource.NONE, 5);
        Map<String, Map<String, SecretPlan>> kept = new LinkedHashMap<>();
        Map<String, Map<String, SecretPlan>> publicOnly = new LinkedHashMap<>();
        for (OrganizationPlan op : first.plan().organizations()) {
            for (SecretPlan s : op.secrets()) {
                kept.computeIfAbsent(op.organization().name(), k -> new LinkedHashMap<>()).put(s.name(), s);
                publicOnly.computeIfAbsent(op.organization().name(), k -> new LinkedHashMap<>()).put(s.name(),
                        new SecretPlan(s.name(), s.type(), new TreeMap<>(), s.publicData(), s.generated()));
            }
        }
        GenerateService.Outcome again = plan(yaml, MaterialSource.of(kept), 6);
        GenerateService.Outcome fromGit = plan(yaml, MaterialSource.of(publicOnly), 7);
        for (int i = 0; i < first.trees().size(); i++) {
            assertEquals(first.trees().get(i).files(), again.trees().get(i).files());
        }
        assertEquals((Object) value(release(first.plan(), "org1-network"), "genesis"), value(release(fromGit.plan(), "org1-network"), "genesis"));
        assertEquals((Object) value(release(first.plan(), "org1-network"), "staticNodes"), value(release(fromGit.plan(), "org1-network"), "staticNodes"));
    }

    /** Every GoQuorum sample of Bevel plans, and generates its Flux trees. */
    @TestFactory
    Stream<DynamicTest> everyBevelQuorumSamplePlansAndGenerates() throws IOException {
        List<Path> samples;
        try (Stream<Path> s = Files.list(Project.bevelSamples())) {
            samples = s.filter(p -> p.getFileName().toString().startsWith("quorum__")).sorted().toList();
        }
        assertEquals(2, samples.size());
        return samples.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            GenerateService.Outcome o = Generated.generate(p, p.getFileName().toString());
            long nodes = o.plan().organizations().stream().flatMap(op -> op.releases().stream()).filter(r -> r.chart().equals("quorum-node")).count();
            long tessera = o.plan().organizations().stream().flatMap(op -> op.releases().stream()).filter(r -> r.chart().equals("tessera")).count();
            assertTrue(nodes >= 3, "nodes: " + nodes);
            assertTrue(tessera >= 3, "tessera: " + tessera);
            assertFalse(o.trees().isEmpty());
            for (ReleasePlan r : o.plan().organizations().stream().flatMap(op -> op.releases().stream())
                    .filter(r -> r.chart().equals("quorum-node")).toList()) {
                Map<String, Object> ports = value(r, "ports");
                assertEquals(ports.size(), new java.util.HashSet<>(ports.values()).size(), r.name() + " listens twice on a port: " + ports);
            }
            QuorumGenesis.Summary g = QuorumGenesis.read(value(release(o.plan(), o.plan().organizations().get(0).organization().name() + "-network"), "genesis"));
            assertEquals(QuorumGenesis.Consensus.IBFT, g.consensus(), "Bevel's samples run ibft");
            assertFalse(g.validators().isEmpty());
        }));
    }
}
