package io.orca.platform.fabric;

import com.google.protobuf.ByteString;
import io.orca.app.GenerateService;
import io.orca.app.LocalMaterialStore;
import io.orca.app.PlanningService;
import io.orca.plan.DeploymentPlan;
import io.orca.plan.MaterialSource;
import io.orca.plan.ReleasePlan;
import io.orca.plan.SecretPlan;
import io.orca.platform.fabric.channel.ApplyUpdate;
import io.orca.platform.fabric.channel.ModPolicies;
import io.orca.render.Generated;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigSignature;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Day-2 configuration updates of a running channel (decision 0030), on Orca's Fabric example (org1 and org2 in
 * mychannel): adding an organization, removing one, a new anchor peer. Each expected configuration, before and after,
 * is the genesis block Orca makes for a new channel with those participants (an independent path: GenesisBlock from
 * another network.yaml); the update Orca plans for the day-2 file, applied with Fabric's rules ({@link ApplyUpdate}),
 * must give exactly the after-configuration, with the versions the orderer requires; its signatures must verify
 * against the admins' certificates and satisfy the policy.
 */
class ChannelConfigUpdateTest {
    static String v1;
    static String org2Participant;

    @TempDir
    static Path state;
    static LocalMaterialStore store;

    @BeforeAll
    static void material() throws Exception {
        v1 = Files.readString(FabricPlannerTest.EXAMPLE);
        int start = v1.indexOf("        - organization:\n          name: org2\n          type: joiner\n");
        int end = v1.indexOf("ordererAddress: orderer1.ordererorg-net:7050\n", start) + "ordererAddress: orderer1.ordererorg-net:7050\n".length();
        org2Participant = v1.substring(start, end);
        // Every variant below uses the identities of one run, kept like `orca publish` keeps them.
        store = new LocalMaterialStore(state);
        GenerateService.Outcome first = GenerateService.plan("n.yaml", bytes(v1), MaterialSource.NONE, Generated.seeded(1));
        assertTrue(first.ok(), () -> first.diagnostics().toString());
        store.save(first.newMaterial());
    }

    // --- the three day-2 changes -----------------------------------------------------------------------------

    @Test
    void addingAnOrganizationGivesExactlyTheConfigurationWithIt() throws Exception {
        String before = v1.replace(org2Participant, "");
        String day2 = existing(v1, "org1"); // org2 stays org_status: new: it is added
        Update u = update(day2, store);
        assertEquals("org1", u.submitter);
        Config current = genesisOf(before);
        Config applied = checkApplied(current, u.config, genesisOf(v1));
        assertEquals(1, ApplyUpdate.version(applied, "Application"), "the group gaining a member is bumped");
        assertEquals(0, ApplyUpdate.version(applied, "Application/org2MSP"), "the new organization's group is new");
        assertEquals(0, ApplyUpdate.version(applied, ""), "/Channel keeps its version");
        // One organization before: MAJORITY Admins of one is its admin.
        assertEquals(List.of("org1MSP"), u.signerMsps());
        u.verifySignatures(FabricPlannerTest.plan(bytes(day2), store, 2));
        assertMajorityOfAdmins(current, u.signerMsps());
        assertEquals(List.of(Map.of("mspId", "org2MSP", "member", true, "anchorPeers", List.of("peer0.org2-net:7051"))), u.values.get("expect"));
    }

    @Test
    void removingAnOrganizationGivesExactlyTheConfigurationWithoutIt() throws Exception {
        String day2 = deleteOrg2(existing(v1, "org1"));
        Update u = update(day2, store);
        Config current = genesisOf(v1);
        Config applied = checkApplied(current, u.config, genesisOf(v1.replace(org2Participant, "")));
        assertEquals(1, ApplyUpdate.version(applied, "Application"));
        assertFalse(applied.getChannelGroup().getGroupsOrThrow("Application").containsGroups("org2MSP"));
        // Two organizations: MAJORITY is both; Orca holds both admin keys here.
        assertEquals(List.of("org1MSP", "org2MSP"), u.signerMsps());
        u.verifySignatures(FabricPlannerTest.plan(bytes(day2), store, 2));
        assertMajorityOfAdmins(current, u.signerMsps());
        assertEquals(Boolean.TRUE, u.values.get("submit"));
        assertEquals(List.of(Map.of("mspId", "org2MSP", "member", false, "anchorPeers", List.of())), u.values.get("expect"));
        // org2 leaves the channel: no channel release of its own any more.
        DeploymentPlan plan = FabricPlannerTest.plan(bytes(day2), store, 2);
        assertTrue(FabricPlannerTest.org(plan, "org2").releases().stream().noneMatch(r -> r.name().equals("org2-ch-mychannel")));
    }

    @Test
    void aNewAnchorPeerChangesOnlyItsOrganizationsAnchorPeers() throws Exception {
        String peer1Anchor = v1.replace("              name: peer1\n              type: nonanchor\n",
                "              name: peer1\n              type: anchor\n");
        assertNotEquals(v1, peer1Anchor);
        String day2 = existing(existing(peer1Anchor, "org1"), "org2").replace("              name: peer1\n              type: anchor\n",
                "              name: peer1\n              type: anchor\n              peerstatus: new\n");
        assertNotEquals(existing(existing(peer1Anchor, "org1"), "org2"), day2);
        Update u = update(day2, store);
        Config current = genesisOf(v1);
        Config applied = checkApplied(current, u.config, genesisOf(peer1Anchor));
        assertEquals(1, ApplyUpdate.version(applied, "Application/org1MSP/values/AnchorPeers"));
        assertEquals(0, ApplyUpdate.version(applied, "Application/org1MSP"), "no member of org1MSP added or removed");
        assertEquals(0, ApplyUpdate.version(applied, "Application"));
        // The read set names nothing but the path to the value; the write set only the value.
        ConfigUpdate cu = u.config;
        assertEquals(Set.of("org1MSP"), cu.getWriteSet().getGroupsOrThrow("Application").getGroupsMap().keySet());
        assertEquals(Set.of("AnchorPeers"), cu.getWriteSet().getGroupsOrThrow("Application").getGroupsOrThrow("org1MSP").getValuesMap().keySet());
        assertEquals(0, cu.getReadSet().getGroupsOrThrow("Application").getGroupsOrThrow("org1MSP").getValuesCount());
        // mod_policy of AnchorPeers is org1MSP's Admins: org1's admin alone signs.
        assertEquals(List.of(new ModPolicies.Required(List.of("Channel", "Application", "org1MSP"), "Admins")), ModPolicies.required(current, cu));
        assertEquals(List.of("org1MSP"), u.signerMsps());
        u.verifySignatures(FabricPlannerTest.plan(bytes(day2), store, 2));
        assertEquals(List.of(Map.of("mspId", "org1MSP", "member", true,
                "anchorPeers", List.of("peer0.org1-net:7051", "peer1.org1-net:7051"))), u.values.get("expect"));
    }

    // --- what Orca cannot sign alone, determinism, secrets --------------------------------------------------------

    /** Orca holds org1's admin key but not org2's (a machine with Git's certificates for org2): MAJORITY of two fails. */
    @Test
    void anUpdateOrcaCannotSignAloneIsDeliveredWithAWarningAndNotSubmitted() throws Exception {
        String day2 = deleteOrg2(existing(v1, "org1"));
        MaterialSource withoutOrg2Admin = (org, name) -> {
            Optional<SecretPlan> s = store.find(org, name);
            if (org.equals("org2") && name.equals("org2-admin-msp")) {
                return s.map(k -> new SecretPlan(k.name(), new TreeMap<>(), new TreeMap<>(k.publicData())));
            }
            return s;
        };
        PlanningService.Planned planned = PlanningService.plan("n.yaml", bytes(day2),
                PlanningService.Request.preview(withoutOrg2Admin).withRandom(Generated.seeded(2)));
        assertTrue(planned.ok(), () -> planned.diagnostics().toString());
        List<String> w053 = planned.warnings().stream().filter(w -> w.contains("ORCA-W053")).toList();
        assertEquals(1, w053.size(), planned.warnings().toString());
        assertTrue(w053.get(0).contains("/Channel/Application/Admins") && w053.get(0).contains("org1MSP")
                && w053.get(0).contains("not of org2MSP") && w053.get(0).contains("org1-ch-mychannel-update"), w053.get(0));
        Map<String, Object> values = FabricPlannerTest.value(FabricPlannerTest.release(planned.plan(), "org1", "org1-ch-mychannel"), "update");
        assertEquals(Boolean.FALSE, values.get("submit"), "the Job only waits for the others");
        Update u = Update.of("org1", values);
        assertEquals(List.of("org1MSP"), u.signerMsps(), "signed with what Orca holds, for the others to add theirs");
        u.verifySignatures(planned.plan());
        assertFalse(ModPolicies.satisfied(genesisOf(v1), ModPolicies.required(genesisOf(v1), u.config), Set.of("org1MSP")));
    }

    @Test
    void theEnvelopeIsTheSameOnEveryRunAndHoldsNoPrivateKey() throws Exception {
        String day2 = deleteOrg2(existing(v1, "org1"));
        Update a = update(day2, store);
        Update b = update(day2, store);
        assertArrayEquals(a.envelope, b.envelope, "deterministic: RFC 6979 signatures, nonces from public inputs");
        DeploymentPlan plan = FabricPlannerTest.plan(bytes(day2), store, 3);
        String text = new String(a.envelope, StandardCharsets.ISO_8859_1);
        for (String org : List.of("org1", "org2")) {
            SecretPlan admin = FabricPlannerTest.secret(plan, org, org + "-admin-msp");
            String keyPem = admin.data().get("key.pem").reveal();
            assertFalse(text.contains(keyPem.substring(keyPem.indexOf('\n') + 1, keyPem.indexOf('\n') + 40)), "no private key PEM");
            byte[] scalar = io.orca.platform.fabric.crypto.EcKey.parsePrivate(admin.data().get("key.pem")).privateScalar().orElseThrow().toByteArray();
            byte[] tail = java.util.Arrays.copyOfRange(scalar, scalar.length - 32, scalar.length);
            assertFalse(contains(a.envelope, tail), "no private scalar");
        }
        // Nonces are 24 bytes and differ between signers.
        Set<ByteString> nonces = new HashSet<>();
        for (ConfigSignature s : a.signatures) nonces.add(SignatureHeader.parseFrom(s.getSignatureHeader()).getNonce());
        assertEquals(a.signatures.size(), nonces.size());
        nonces.forEach(n -> assertEquals(24, n.size()));
    }

    @Test
    void anUnchangedRunningChannelHasNoUpdate() throws Exception {
        DeploymentPlan plan = FabricPlannerTest.plan(bytes(existing(existing(v1, "org1"), "org2")), store, 2);
        for (var op : plan.organizations()) {
            for (ReleasePlan r : op.releases()) assertFalse(r.values().containsKey("update"), r.name());
        }
        assertTrue(plan.organizations().stream().flatMap(o -> o.releases().stream()).noneMatch(r -> r.values().containsKey("genesisBlock")),
                "a running channel gets no genesis block: its orderers joined already");
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static Config checkApplied(Config current, ConfigUpdate update, Config expected) {
        assertEquals("mychannel", update.getChannelId());
        Config applied = ApplyUpdate.apply(current, update);
        assertEquals(ApplyUpdate.withoutVersions(expected), ApplyUpdate.withoutVersions(applied));
        assertNotEquals(ApplyUpdate.withoutVersions(current), ApplyUpdate.withoutVersions(applied));
        return applied;
    }

    /** The independent check of the policy: every signer an admin of the channel's organizations, more than half of them. */
    private static void assertMajorityOfAdmins(Config current, List<String> signers) {
        Set<String> members = current.getChannelGroup().getGroupsOrThrow("Application").getGroupsMap().keySet();
        assertTrue(members.containsAll(signers), signers + " within " + members);
        assertTrue(new HashSet<>(signers).size() > members.size() / 2, signers + " a majority of " + members);
        // ... and that is the policy: /Channel/Application is modified under its mod_policy Admins = MAJORITY Admins.
        var app = current.getChannelGroup().getGroupsOrThrow("Application");
        assertEquals("Admins", app.getModPolicy());
        var admins = app.getPoliciesOrThrow("Admins").getPolicy();
        assertEquals(3, admins.getType(), "IMPLICIT_META");
        try {
            var meta = org.hyperledger.fabric.protos.common.ImplicitMetaPolicy.parseFrom(admins.getValue());
            assertEquals(org.hyperledger.fabric.protos.common.ImplicitMetaPolicy.Rule.MAJORITY, meta.getRule());
            assertEquals("Admins", meta.getSubPolicy());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    static String deleteOrg2(String yaml) {
        String was = "          name: org2\n          type: joiner\n          org_status: new\n";
        assertTrue(yaml.contains(was));
        return yaml.replace(was, "          name: org2\n          type: joiner\n          org_status: delete\n");
    }

    /** Marks a channel participant existing; the ordering organization is then marked existing too (it runs). */
    static String existing(String yaml, String org) {
        int oo = yaml.indexOf("      name: ordererorg\n      country:");
        int oos = yaml.indexOf("org_status: new", oo);
        if (oo > 0 && oos > oo && oos - oo < 200) {
            yaml = yaml.substring(0, oos) + "org_status: existing" + yaml.substring(oos + "org_status: new".length());
        }
        String marker = "          name: " + org + "\n          type: ";
        int at = yaml.indexOf(marker);
        int status = yaml.indexOf("org_status: new", at);
        assertTrue(at > 0 && status > at, org);
        return yaml.substring(0, status) + "org_status: existing" + yaml.substring(status + "org_status: new".length());
    }

    private static Config genesisOf(String yaml) throws Exception {
        DeploymentPlan plan = FabricPlannerTest.plan(bytes(yaml), store, 9);
        return FabricPlannerTest.genesis(FabricPlannerTest.release(plan, "ordererorg", "ordererorg-ch-mychannel"));
    }

    private static Update update(String yaml, MaterialSource material) throws Exception {
        PlanningService.Planned planned = PlanningService.plan("n.yaml", bytes(yaml),
                PlanningService.Request.preview(material).withRandom(Generated.seeded(2)));
        assertTrue(planned.ok(), () -> planned.diagnostics().toString());
        assertTrue(planned.warnings().stream().noneMatch(w -> w.contains("ORCA-W052") || w.contains("ORCA-W053")), planned.warnings().toString());
        List<Update> found = new ArrayList<>();
        for (var op : planned.plan().organizations()) {
            for (ReleasePlan r : op.releases()) {
                if (r.values().containsKey("update")) found.add(Update.of(op.organization().name(), FabricPlannerTest.value(r, "update")));
            }
        }
        assertEquals(1, found.size(), "one organization submits the update");
        return found.get(0);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }

    /** The planned update, decoded from the release values as the Job receives it. */
    record Update(String submitter, Map<String, Object> values, byte[] envelope, ConfigUpdate config, ByteString configBytes,
                  List<ConfigSignature> signatures) {
        static Update of(String submitter, Map<String, Object> values) throws Exception {
            byte[] env = Base64.getDecoder().decode((String) values.get("envelope"));
            Payload payload = Payload.parseFrom(Envelope.parseFrom(env).getPayload());
            ChannelHeader ch = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            assertEquals(HeaderType.CONFIG_UPDATE_VALUE, ch.getType(), "peer channel update wants a CONFIG_UPDATE envelope");
            ConfigUpdateEnvelope cue = ConfigUpdateEnvelope.parseFrom(payload.getData());
            ConfigUpdate cu = ConfigUpdate.parseFrom(cue.getConfigUpdate());
            assertEquals(ch.getChannelId(), cu.getChannelId());
            return new Update(submitter, values, env, cu, cue.getConfigUpdate(), cue.getSignaturesList());
        }

        List<String> signerMsps() throws Exception {
            List<String> out = new ArrayList<>();
            for (ConfigSignature s : signatures) {
                out.add(SerializedIdentity.parseFrom(SignatureHeader.parseFrom(s.getSignatureHeader()).getCreator()).getMspid());
            }
            return out;
        }

        /** Each signature verifies (BouncyCastle's ECDSA) with its creator's certificate over header || update, and that
         *  certificate is the admin's of its organization in the plan. */
        void verifySignatures(DeploymentPlan plan) throws Exception {
            assertFalse(signatures.isEmpty());
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (ConfigSignature s : signatures) {
                SerializedIdentity id = SerializedIdentity.parseFrom(SignatureHeader.parseFrom(s.getSignatureHeader()).getCreator());
                String org = id.getMspid().substring(0, id.getMspid().length() - "MSP".length());
                assertEquals(FabricPlannerTest.secret(plan, org, org + "-admin-msp").publicData().get("cert.pem"), id.getIdBytes().toStringUtf8(),
                        "signed by " + org + "'s admin");
                X509Certificate cert = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(id.getIdBytes().toByteArray()));
                assertTrue(cert.getSubjectX500Principal().getName().contains("OU=admin"), "an admin identity (NodeOU)");
                Signature v = Signature.getInstance("SHA256withECDSA", new BouncyCastleProvider());
                v.initVerify(cert.getPublicKey());
                v.update(s.getSignatureHeader().concat(configBytes).toByteArray());
                assertTrue(v.verify(s.getSignature().toByteArray()), "signature of " + id.getMspid());
                Signature wrong = Signature.getInstance("SHA256withECDSA", new BouncyCastleProvider());
                wrong.initVerify(cert.getPublicKey());
                wrong.update(configBytes.concat(s.getSignatureHeader()).toByteArray());
                assertFalse(wrong.verify(s.getSignature().toByteArray()), "signed in Fabric's order: header, then update");
            }
            assertNotNull(plan);
        }
    }
}
