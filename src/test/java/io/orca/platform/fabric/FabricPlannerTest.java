package io.orca.platform.fabric;

import io.orca.app.GenerateService;
import io.orca.app.LocalMaterialStore;
import io.orca.app.PlanningService;
import io.orca.plan.DeploymentPlan;
import io.orca.plan.MaterialSource;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.ReleasePlan;
import io.orca.plan.SecretPlan;
import io.orca.platform.fabric.crypto.Cert;
import io.orca.render.Generated;
import io.orca.testing.Project;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.OrdererAddresses;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;
import org.hyperledger.fabric.protos.peer.AnchorPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the Fabric planner makes, checked against itself: blocks against identities, packages against IDs, stability. */
class FabricPlannerTest {
    static final Path EXAMPLE = Project.dir().resolve("examples/fabric-three-orgs.yaml");

    static DeploymentPlan plan(byte[] input, MaterialSource material, long seed) {
        PlanningService.Planned p = PlanningService.plan("n.yaml", input,
                PlanningService.Request.preview(material).withRandom(Generated.seeded(seed)));
        assertTrue(p.ok(), () -> p.diagnostics().toString());
        return p.plan();
    }

    static OrganizationPlan org(DeploymentPlan plan, String name) {
        return plan.organizations().stream().filter(o -> o.organization().name().equals(name)).findFirst().orElseThrow();
    }

    static ReleasePlan release(DeploymentPlan plan, String org, String name) {
        return org(plan, org).releases().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    static SecretPlan secret(DeploymentPlan plan, String org, String name) {
        return org(plan, org).secrets().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static <T> T value(ReleasePlan r, String... path) {
        Object v = r.values();
        for (String p : path) v = ((Map<String, Object>) v).get(p);
        return (T) v;
    }

    static Config genesis(ReleasePlan channel) throws Exception {
        Block b = Block.parseFrom(Base64.getDecoder().decode((String) value(channel, "genesisBlock")));
        Payload p = Payload.parseFrom(Envelope.parseFrom(b.getData().getData(0)).getPayload());
        return ConfigEnvelope.parseFrom(p.getData()).getConfig();
    }

    @Test
    void theGenesisBlockNamesThePlansIdentities() throws Exception {
        DeploymentPlan plan = plan(Files.readAllBytes(EXAMPLE), MaterialSource.NONE, 1);
        Config config = genesis(release(plan, "ordererorg", "ordererorg-ch-mychannel"));
        ConfigGroup orderer = config.getChannelGroup().getGroupsOrThrow("Orderer");
        ConfigMetadata raft = ConfigMetadata.parseFrom(ConsensusType.parseFrom(orderer.getValuesOrThrow("ConsensusType").getValue()).getMetadata());
        assertEquals(3, raft.getConsentersCount());
        for (int i = 0; i < 3; i++) {
            Consenter c = raft.getConsenters(i);
            assertEquals("orderer" + i + ".ordererorg-net", c.getHost());
            assertEquals(7050, c.getPort());
            String tls = secret(plan, "ordererorg", "ordererorg-orderer" + i + "-tls").publicData().get("tls.crt");
            assertEquals(tls, c.getServerTlsCert().toStringUtf8(), "the consenter is the orderer's TLS certificate");
            assertEquals(tls, c.getClientTlsCert().toStringUtf8());
            assertTrue(Cert.ofPem(tls).subjectAltNames().contains("orderer" + i + ".ordererorg-net"));
        }
        assertEquals(List.of("orderer0.ordererorg-net:7050", "orderer1.ordererorg-net:7050", "orderer2.ordererorg-net:7050"),
                OrdererAddresses.parseFrom(orderer.getGroupsOrThrow("ordererorgMSP").getValuesOrThrow("Endpoints").getValue()).getAddressesList());
        ConfigGroup app = config.getChannelGroup().getGroupsOrThrow("Application");
        assertEquals(java.util.Set.of("org1MSP", "org2MSP"), app.getGroupsMap().keySet());
        for (String org : List.of("org1", "org2")) {
            ConfigGroup g = app.getGroupsOrThrow(org + "MSP");
            FabricMSPConfig msp = FabricMSPConfig.parseFrom(MSPConfig.parseFrom(g.getValuesOrThrow("MSP").getValue()).getConfig());
            assertEquals(org + "MSP", msp.getName());
            assertEquals(secret(plan, org, org + "-ca").publicData().get("ca.crt"), msp.getRootCerts(0).toStringUtf8());
            assertEquals(secret(plan, org, org + "-tlsca").publicData().get("ca.crt"), msp.getTlsRootCerts(0).toStringUtf8());
            assertTrue(msp.getFabricNodeOus().getEnable());
            assertEquals("peer", msp.getFabricNodeOus().getPeerOuIdentifier().getOrganizationalUnitIdentifier());
            AnchorPeers anchors = AnchorPeers.parseFrom(g.getValuesOrThrow("AnchorPeers").getValue());
            assertEquals(1, anchors.getAnchorPeersCount(), "peer0 only: peer1 is nonanchor");
            assertEquals("peer0." + org + "-net", anchors.getAnchorPeers(0).getHost());
        }
        // Every organization's channel release that creates the channel carries the same block.
        assertEquals(2, ((List<?>) value(release(plan, "org1", "org1-ch-mychannel"), "peers")).size());
        assertEquals(null, (Object) value(release(plan, "org1", "org1-ch-mychannel"), "genesisBlock"), "peers fetch block 0 from an orderer");
        assertEquals(Map.of("address", "orderer0.ordererorg-net:7050", "tlsCaKey", "tlsca-ordererorg.pem"),
                value(release(plan, "org1", "org1-ch-mychannel"), "orderer"));
        assertEquals(Map.of("address", "orderer1.ordererorg-net:7050", "tlsCaKey", "tlsca-ordererorg.pem"),
                value(release(plan, "org2", "org2-ch-mychannel"), "orderer"), "each participant's ordererAddress");
    }

    @Test
    void theChaincodePackageIsWhatItsIdSaysAndPointsAtItsServer() throws Exception {
        DeploymentPlan plan = plan(Files.readAllBytes(EXAMPLE), MaterialSource.NONE, 2);
        for (String org : List.of("org1", "org2")) {
            ReleasePlan cc = release(plan, org, org + "-cc-asset-transfer");
            byte[] pkg = Base64.getDecoder().decode((String) value(cc, "chaincode", "package"));
            String id = value(cc, "chaincode", "packageId");
            assertEquals("asset-transfer_1:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pkg)), id);
            String tar = new String(new GZIPInputStream(new ByteArrayInputStream(pkg)).readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(tar.contains("{\"type\":\"ccaas\",\"label\":\"asset-transfer_1\"}"), "metadata.json");
            String code = new String(new GZIPInputStream(new ByteArrayInputStream(tar.substring(tar.indexOf("\u001f\u008b"))
                    .getBytes(StandardCharsets.ISO_8859_1))).readAllBytes(), StandardCharsets.ISO_8859_1);
            String service = value(cc, "server", "serviceName");
            assertTrue(code.contains("\"address\":\"" + service + "." + org + "-net:7052\""), code);
        }
        List<Map<String, Object>> org1Channels = value(release(plan, "org1", "org1-cc-asset-transfer"), "channels");
        assertEquals(Boolean.TRUE, org1Channels.get(0).get("commit"), "org1 is the channel's creator: it commits");
        assertEquals((Object) 2, org1Channels.get(0).get("requiredApprovals"), "a majority of two organizations");
        assertEquals(2, ((List<?>) org1Channels.get(0).get("endorsers")).size());
        List<Map<String, Object>> org2Channels = value(release(plan, "org2", "org2-cc-asset-transfer"), "channels");
        assertEquals(Boolean.FALSE, org2Channels.get(0).get("commit"));
        assertEquals(List.of("org1-msp", "org1-peer0", "org1-peer1", "org1-ch-mychannel"),
                release(plan, "org1", "org1-cc-asset-transfer").dependsOn());
    }

    @Test
    void releaseValuesHoldNoPrivateMaterial() throws Exception {
        DeploymentPlan plan = plan(Files.readAllBytes(EXAMPLE), MaterialSource.NONE, 3);
        String values = plan.organizations().stream().flatMap(o -> o.releases().stream()).map(r -> r.values().toString())
                .reduce("", String::concat);
        assertFalse(values.contains("PRIVATE KEY"));
        for (OrganizationPlan op : plan.organizations()) {
            for (SecretPlan s : op.secrets()) {
                for (var e : s.data().entrySet()) {
                    if (!s.publicData().containsKey(e.getKey())) {
                        assertFalse(values.contains(e.getValue().reveal()), s.name() + "/" + e.getKey() + " in release values");
                    }
                }
                assertTrue(s.publicData().values().stream().noneMatch(v -> v.contains("PRIVATE KEY")), s.name());
            }
        }
    }

    @Test
    void throughAProxyTheChannelNamesTheExternalAddressesAndTheCertificatesCoverThem() throws Exception {
        Path sample = Project.bevelSamples().resolve("hyperledger-fabric__network-fabricv2.yaml");
        DeploymentPlan plan = plan(Generated.atFabric25(sample), MaterialSource.NONE, 4);
        Config config = genesis(release(plan, "supplychain", "supplychain-ch-allchannel"));
        ConfigMetadata raft = ConfigMetadata.parseFrom(ConsensusType.parseFrom(config.getChannelGroup().getGroupsOrThrow("Orderer")
                .getValuesOrThrow("ConsensusType").getValue()).getMetadata());
        Consenter first = raft.getConsenters(0);
        assertEquals("orderer1.supplychain-net.org1proxy.hlf.blockchaincloudpoc-develop.com", first.getHost());
        assertEquals(443, first.getPort());
        Cert tls = Cert.ofPem(secret(plan, "supplychain", "supplychain-orderer1-tls").publicData().get("tls.crt"));
        assertTrue(tls.subjectAltNames().containsAll(List.of("orderer1", "orderer1.supplychain-net",
                "orderer1.supplychain-net.svc.cluster.local", "orderer1.supplychain-net.org1proxy.hlf.blockchaincloudpoc-develop.com")),
                tls.subjectAltNames().toString());
        AnchorPeers carrier = AnchorPeers.parseFrom(config.getChannelGroup().getGroupsOrThrow("Application")
                .getGroupsOrThrow("carrierMSP").getValuesOrThrow("AnchorPeers").getValue());
        assertEquals("peer0.carrier-net.org3proxy.blockchaincloudpoc.com", carrier.getAnchorPeers(0).getHost());
        assertEquals("peer0.carrier-net.org3proxy.blockchaincloudpoc.com:443",
                value(release(plan, "carrier", "carrier-peer0"), "peer", "externalEndpoint"));
        assertEquals("peer0.carrier-net:7051", value(release(plan, "carrier", "carrier-peer0"), "peer", "address"));
    }

    @Test
    void aSecondRunWithTheStateFolderKeepsEveryIdentityAndEveryByte(@TempDir Path tmp) throws Exception {
        byte[] input = Files.readAllBytes(EXAMPLE);
        LocalMaterialStore store = new LocalMaterialStore(tmp);
        GenerateService.Outcome first = GenerateService.plan("n.yaml", input, store, new SecureRandom());
        assertTrue(first.ok(), () -> first.diagnostics().toString());
        store.save(first.newMaterial());
        GenerateService.Outcome second = GenerateService.plan("n.yaml", input, store, new SecureRandom());
        assertTrue(second.newMaterial().isEmpty(), "nothing new on the second run");
        for (int i = 0; i < first.trees().size(); i++) assertEquals(first.trees().get(i).files(), second.trees().get(i).files());
        for (int i = 0; i < first.plan().organizations().size(); i++) {
            assertEquals(first.plan().organizations().get(i).secrets(), second.plan().organizations().get(i).secrets());
        }
        GenerateService.Outcome fresh = GenerateService.plan("n.yaml", input, MaterialSource.NONE, new SecureRandom());
        assertNotEquals(first.trees().get(0).files(), fresh.trees().get(0).files(), "fresh randomness: other identities");
    }
}
