package io.orca.platform.fabric.channel;

import com.google.protobuf.ByteString;
import io.orca.testing.Project;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Orca's genesis blocks against configtxgen's (Fabric 2.5.16, src/test/resources/reference/fabric): for the same
 * inputs — the same configtx.yaml profile and the same MSP certificates — the blocks are semantically equal (decoded
 * protobuf trees, maps order-insensitive), apart from what differs between two configtxgen runs (timestamp, nonce,
 * tx_id, data_hash); and Orca's bytes are the same on every run.
 */
class GenesisBlockReferenceTest {
    static final Path REFERENCE = Project.dir().resolve("src/test/resources/reference/fabric");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "two-peer-orgs-raft, TwoPeerOrgsRaft, allchannel, allchannel.block",
            "one-org-solo-raft, OneOrgRaft, mychannel, mychannel.block",
            "anchor-and-policies, AnchorAndPolicies, allchannel, allchannel.block"})
    void equalsConfigtxgensBlockForTheSameInputs(String folder, String profile, String channel, String blockFile) throws Exception {
        Block theirs = Block.parseFrom(Files.readAllBytes(REFERENCE.resolve(folder).resolve(blockFile)));
        ChannelSpec spec = Configtx.read(REFERENCE.resolve(folder).resolve("configtx.yaml"), profile, channel);
        byte[] bytes = GenesisBlock.bytes(spec);
        Block ours = Block.parseFrom(bytes);

        // The configuration, decoded and compared as trees.
        ConfigEnvelope theirConfig = configEnvelope(theirs);
        ConfigEnvelope ourConfig = configEnvelope(ours);
        assertEquals(ConfigTree.of(theirConfig.getConfig()), ConfigTree.of(ourConfig.getConfig()));
        assertFalse(ourConfig.hasLastUpdate());
        assertEquals(0, ourConfig.getConfig().getSequence());

        // What is fixed in every configtxgen genesis block.
        assertEquals(0, ours.getHeader().getNumber());
        assertTrue(ours.getHeader().getPreviousHash().isEmpty());
        assertEquals(1, ours.getData().getDataCount());
        assertEquals(theirs.getMetadata(), ours.getMetadata(), "metadata, byte for byte");
        assertArrayEquals(new byte[]{0x0a, 0x02, 0x0a, 0x00}, ours.getMetadata().getMetadata(0).toByteArray());
        Envelope env = Envelope.parseFrom(ours.getData().getData(0));
        assertTrue(env.getSignature().isEmpty());
        ChannelHeader ch = channelHeader(ours);
        ChannelHeader theirCh = channelHeader(theirs);
        assertEquals(HeaderType.CONFIG_VALUE, ch.getType());
        assertEquals(theirCh.getType(), ch.getType());
        assertEquals(theirCh.getVersion(), ch.getVersion());
        assertEquals(theirCh.getEpoch(), ch.getEpoch());
        assertEquals(theirCh.getChannelId(), ch.getChannelId());
        assertEquals(theirCh.getExtension(), ch.getExtension());
        assertEquals(theirCh.getTlsCertHash(), ch.getTlsCertHash());
        assertEquals(0, ch.getTimestamp().getNanos());

        // The derived fields are consistent as Fabric computes them.
        SignatureHeader sh = SignatureHeader.parseFrom(payload(ours).getHeader().getSignatureHeader());
        assertEquals(24, sh.getNonce().size());
        assertTrue(sh.getCreator().isEmpty());
        assertEquals(HexFormat.of().formatHex(sha256(sh.getNonce().concat(sh.getCreator()))), ch.getTxId());
        assertEquals(ByteString.copyFrom(sha256(ours.getData().getData(0))), ours.getHeader().getDataHash());

        // Deterministic: the same input gives the same bytes.
        assertArrayEquals(bytes, GenesisBlock.bytes(Configtx.read(REFERENCE.resolve(folder).resolve("configtx.yaml"), profile, channel)));
    }

    static ConfigEnvelope configEnvelope(Block b) throws Exception {
        return ConfigEnvelope.parseFrom(payload(b).getData());
    }

    static Payload payload(Block b) throws Exception {
        return Payload.parseFrom(Envelope.parseFrom(b.getData().getData(0)).getPayload());
    }

    static ChannelHeader channelHeader(Block b) throws Exception {
        return ChannelHeader.parseFrom(payload(b).getHeader().getChannelHeader());
    }

    static byte[] sha256(ByteString b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b.toByteArray());
    }
}
