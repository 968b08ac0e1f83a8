package io.orca.platform.fabric;

import io.orca.app.GenerateService;
import io.orca.app.LocalMaterialStore;
import io.orca.plan.DeploymentPlan;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.ReleasePlan;
import io.orca.plan.SecretPlan;
import io.orca.platform.fabric.crypto.Cert;
import io.orca.render.Generated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Day 2 through network.yaml, as far as it needs no channel configuration update: a new peer and a new channel
 * change only what they add. Earlier identities and the running channel's genesis block stay byte for byte; the new
 * peer's identity is issued by the organization's CA from the state folder; its join Job fetches block 0 from an
 * orderer (so it joins the channel that runs).
 */
class FabricDay2Test {
    private static final String PEER2 = """
              - peer:
                name: peer2
                type: nonanchor
                gossippeeraddress: peer0.org1-net:7051
                peerAddress: peer2.org1-net:7051
                grpc: { port: 7051 }
                couchdb: { port: 5984 }
        """;

    private static final String CHANNEL2 = """
            - channel:
              channel_name: second
              channel_status: new
              orderers:
                - ordererorg
              participants:
                - organization:
                  name: org2
                  type: creator
                  peers:
                    - peer:
                      name: peer0
                      type: anchor
                      gossipAddress: peer0.org2-net:7051
                      peerAddress: peer0.org2-net:7051
                  ordererAddress: orderer2.ordererorg-net:7050
        """;

    static String addPeerAndChannel(String yaml) {
        String withPeer = yaml.replace("""
                                arguments: ""
                    - organization:
                      name: org2
                """, """
                                arguments: ""
                """ + PEER2.indent(4) + """
                    - organization:
                      name: org2
                """);
        String withChannel = withPeer.replace("  organizations:\n", CHANNEL2 + "  organizations:\n");
        assertNotEquals(yaml, withPeer, "peer2 added");
        assertNotEquals(withPeer, withChannel, "channel 'second' added");
        return withChannel;
    }

    @Test
    void aNewPeerAndANewChannelChangeOnlyWhatTheyAdd(@TempDir Path tmp) throws Exception {
        String v1 = Files.readString(FabricPlannerTest.EXAMPLE);
        LocalMaterialStore store = new LocalMaterialStore(tmp);
        GenerateService.Outcome first = GenerateService.plan("n.yaml", v1.getBytes(StandardCharsets.UTF_8), store, Generated.seeded(1));
        assertTrue(first.ok(), () -> first.diagnostics().toString());
        store.save(first.newMaterial());
        String v2 = addPeerAndChannel(v1);
        GenerateService.Outcome second = GenerateService.plan("n.yaml", v2.getBytes(StandardCharsets.UTF_8), store, Generated.seeded(2));
        assertTrue(second.ok(), () -> second.diagnostics().toString());
        DeploymentPlan a = first.plan();
        DeploymentPlan b = second.plan();

        // Every earlier Secret is kept byte for byte; the only new ones are peer2's.
        for (OrganizationPlan op : a.organizations()) {
            for (SecretPlan s : op.secrets()) assertEquals(s, FabricPlannerTest.secret(b, op.organization().name(), s.name()), s.name());
        }
        assertEquals(List.of("org1-peer2-couchdb", "org1-peer2-msp", "org1-peer2-tls"),
                second.newMaterial().stream().map(m -> m.secret().name()).sorted().toList());
        Cert peer2 = Cert.ofPem(FabricPlannerTest.secret(b, "org1", "org1-peer2-msp").publicData().get("cert.pem"));
        Cert ca = Cert.ofPem(FabricPlannerTest.secret(b, "org1", "org1-ca").publicData().get("ca.crt"));
        assertTrue(peer2.signedBy(ca.publicPoint()), "issued by org1's CA, kept in the state folder");

        // The running channel's genesis block is the same: a non-anchor peer is not in it.
        assertEquals(FabricPlannerTest.release(a, "ordererorg", "ordererorg-ch-mychannel").values().get("genesisBlock"),
                FabricPlannerTest.release(b, "ordererorg", "ordererorg-ch-mychannel").values().get("genesisBlock"));
        List<Map<String, Object>> joining = FabricPlannerTest.value(FabricPlannerTest.release(b, "org1", "org1-ch-mychannel"), "peers");
        assertEquals(List.of("peer0", "peer1"), joining.stream().map(m -> m.get("name")).toList(),
                "peer2 joins mychannel only once network.yaml lists it there");
        ReleasePlan peerRelease = FabricPlannerTest.release(b, "org1", "org1-peer2");
        assertEquals(List.of("org1-msp"), peerRelease.dependsOn());

        // The new channel: its own genesis block for the orderers, a join for org2's peer; nothing else changes.
        ReleasePlan created = FabricPlannerTest.release(b, "ordererorg", "ordererorg-ch-second");
        var block = org.hyperledger.fabric.protos.common.Block.parseFrom(java.util.Base64.getDecoder().decode((String) created.values().get("genesisBlock")));
        var payload = org.hyperledger.fabric.protos.common.Payload.parseFrom(
                org.hyperledger.fabric.protos.common.Envelope.parseFrom(block.getData().getData(0)).getPayload());
        assertEquals("second", org.hyperledger.fabric.protos.common.ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getChannelId());
        assertEquals(java.util.Set.of("org2MSP"), FabricPlannerTest.genesis(created).getChannelGroup().getGroupsOrThrow("Application").getGroupsMap().keySet());
        FabricPlannerTest.release(b, "org2", "org2-ch-second");
        assertEquals(FabricPlannerTest.release(a, "org2", "org2-ch-mychannel"), FabricPlannerTest.release(b, "org2", "org2-ch-mychannel"));
        for (String unchanged : List.of("org2-peer0", "ordererorg-orderer0", "org1-peer0")) {
            String org = unchanged.substring(0, unchanged.indexOf('-'));
            assertEquals(FabricPlannerTest.release(a, org, unchanged), FabricPlannerTest.release(b, org, unchanged), unchanged);
        }
    }

    /** A machine with only what Git holds (certificates, no CA key) cannot issue a new peer's identity: a clear refusal. */
    @Test
    void aNewIdentityOnAMachineWithoutTheCaKeyIsRefusedClearly() throws Exception {
        String v1 = Files.readString(FabricPlannerTest.EXAMPLE);
        DeploymentPlan a = FabricPlannerTest.plan(v1.getBytes(StandardCharsets.UTF_8), io.orca.plan.MaterialSource.NONE, 1);
        Map<String, Map<String, SecretPlan>> published = new java.util.HashMap<>();
        for (OrganizationPlan op : a.organizations()) {
            for (SecretPlan s : op.secrets()) {
                if (s.publicData().isEmpty()) continue;
                published.computeIfAbsent(op.organization().name(), k -> new java.util.HashMap<>())
                        .put(s.name(), new SecretPlan(s.name(), new java.util.TreeMap<>(), new java.util.TreeMap<>(s.publicData())));
            }
        }
        io.orca.plan.MaterialSource gitOnly = io.orca.plan.MaterialSource.of(published);
        // The same network plans from Git alone, identities kept.
        FabricPlannerTest.plan(v1.getBytes(StandardCharsets.UTF_8), gitOnly, 2);
        io.orca.app.RefusedException e = org.junit.jupiter.api.Assertions.assertThrows(io.orca.app.RefusedException.class,
                () -> io.orca.app.PlanningService.plan("n.yaml", addPeerAndChannel(v1).getBytes(StandardCharsets.UTF_8),
                        io.orca.app.PlanningService.Request.preview(gitOnly).withRandom(Generated.seeded(3))));
        assertTrue(e.getMessage().contains("org1-peer2-msp") && e.getMessage().contains("organization org1")
                && e.getMessage().contains("private key of its CA"), e.getMessage());
    }
}
