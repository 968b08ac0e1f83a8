package io.orca.platform.fabric.channel;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Timestamp;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockDataHashingStructure;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.Capabilities;
import org.hyperledger.fabric.protos.common.Capability;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HashingAlgorithm;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.OrdererAddresses;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.FabricCryptoConfig;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricNodeOUs;
import org.hyperledger.fabric.protos.msp.FabricOUIdentifier;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.BatchTimeout;
import org.hyperledger.fabric.protos.orderer.ChannelRestrictions;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;
import org.hyperledger.fabric.protos.orderer.etcdraft.Options;
import org.hyperledger.fabric.protos.peer.ACLs;
import org.hyperledger.fabric.protos.peer.APIResource;
import org.hyperledger.fabric.protos.peer.AnchorPeer;
import org.hyperledger.fabric.protos.peer.AnchorPeers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A Fabric 2.5 application channel's genesis block, as configtxgen's {@code -outputBlock} makes it for channel
 * participation, but deterministic: maps are serialized sorted (protobuf's deterministic serialization), the
 * timestamp is input, and the nonce is a hash of the config instead of random bytes. Everything else — groups,
 * values, policies, mod_policies, versions, block metadata — is configtxgen's.
 */
public final class GenesisBlock {
    private static final String ADMINS = "Admins";
    /** Fabric's MSP type FABRIC; MSP crypto config as configtxgen writes it. */
    private static final FabricCryptoConfig CRYPTO = FabricCryptoConfig.newBuilder().setSignatureHashFamily("SHA2")
            .setIdentityIdentifierHashFunction("SHA256").build();

    private GenesisBlock() {
    }

    /** The block's bytes. */
    public static byte[] bytes(ChannelSpec spec) {
        return serialize(block(spec)).toByteArray();
    }

    public static Block block(ChannelSpec spec) {
        Config config = config(spec);
        ByteString configBytes = serialize(ConfigEnvelope.newBuilder().setConfig(config).build());
        // configtxgen draws a random 24-byte nonce; a hash of the channel and its config keeps the bytes stable.
        byte[] nonce = Arrays.copyOf(sha256(concat(spec.channelId().getBytes(StandardCharsets.UTF_8), configBytes.toByteArray())), 24);
        ChannelHeader channelHeader = ChannelHeader.newBuilder().setType(HeaderType.CONFIG_VALUE).setVersion(1)
                .setTimestamp(Timestamp.newBuilder().setSeconds(spec.timestamp().getEpochSecond()).setNanos(0))
                .setChannelId(spec.channelId()).setTxId(HexFormat.of().formatHex(sha256(nonce))).setEpoch(0).build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder().setNonce(ByteString.copyFrom(nonce)).build();
        Payload payload = Payload.newBuilder().setHeader(Header.newBuilder().setChannelHeader(serialize(channelHeader))
                .setSignatureHeader(serialize(signatureHeader))).setData(configBytes).build();
        ByteString envelope = serialize(Envelope.newBuilder().setPayload(serialize(payload)).build());
        ByteString signatures = serialize(Metadata.newBuilder().setValue(serialize(OrdererBlockMetadata.newBuilder()
                .setLastConfig(LastConfig.newBuilder().setIndex(0)).build())).build());
        ByteString lastConfig = serialize(Metadata.newBuilder().setValue(serialize(LastConfig.newBuilder().setIndex(0).build())).build());
        return Block.newBuilder()
                .setHeader(BlockHeader.newBuilder().setNumber(0).setDataHash(ByteString.copyFrom(sha256(envelope.toByteArray()))))
                .setData(BlockData.newBuilder().addData(envelope))
                .setMetadata(BlockMetadata.newBuilder().addMetadata(signatures).addMetadata(lastConfig)
                        .addMetadata(ByteString.EMPTY).addMetadata(ByteString.EMPTY).addMetadata(ByteString.EMPTY))
                .build();
    }

    /** The channel configuration the block carries (sequence 0). */
    public static Config config(ChannelSpec spec) {
        ConfigGroup.Builder channel = ConfigGroup.newBuilder().setModPolicy(ADMINS);
        value(channel, "HashingAlgorithm", HashingAlgorithm.newBuilder().setName("SHA256").build());
        value(channel, "BlockDataHashingStructure", BlockDataHashingStructure.newBuilder().setWidth(0xFFFFFFFF).build());
        capabilities(channel, spec.capabilities());
        policies(channel, spec.policies());
        channel.putGroups("Orderer", orderer(spec.orderer()));
        channel.putGroups("Application", application(spec.application()));
        return Config.newBuilder().setSequence(0).setChannelGroup(channel).build();
    }

    private static ConfigGroup orderer(ChannelSpec.Orderer o) {
        ConfigGroup.Builder g = ConfigGroup.newBuilder().setModPolicy(ADMINS);
        ConfigMetadata.Builder raft = ConfigMetadata.newBuilder().setOptions(Options.newBuilder()
                .setTickInterval(o.raft().tickInterval()).setElectionTick(o.raft().electionTick())
                .setHeartbeatTick(o.raft().heartbeatTick()).setMaxInflightBlocks(o.raft().maxInflightBlocks())
                .setSnapshotIntervalSize(Math.toIntExact(o.raft().snapshotIntervalSize())));
        for (ChannelSpec.Consenter c : o.consenters()) {
            raft.addConsenters(Consenter.newBuilder().setHost(c.host()).setPort(c.port())
                    .setClientTlsCert(pem(c.clientTlsCert())).setServerTlsCert(pem(c.serverTlsCert())));
        }
        value(g, "ConsensusType", ConsensusType.newBuilder().setType("etcdraft").setMetadata(serialize(raft.build()))
                .setState(ConsensusType.State.STATE_NORMAL).build());
        value(g, "BatchSize", BatchSize.newBuilder().setMaxMessageCount(o.batchSize().maxMessageCount())
                .setAbsoluteMaxBytes(o.batchSize().absoluteMaxBytes()).setPreferredMaxBytes(o.batchSize().preferredMaxBytes()).build());
        value(g, "BatchTimeout", BatchTimeout.newBuilder().setTimeout(o.batchTimeout()).build());
        value(g, "ChannelRestrictions", ChannelRestrictions.newBuilder().build());
        capabilities(g, o.capabilities());
        policies(g, o.policies());
        for (ChannelSpec.Organization org : o.organizations()) {
            ConfigGroup.Builder og = organization(org);
            if (!org.ordererEndpoints().isEmpty()) {
                value(og, "Endpoints", OrdererAddresses.newBuilder().addAllAddresses(org.ordererEndpoints()).build());
            }
            g.putGroups(org.name(), og.build());
        }
        return g.build();
    }

    private static ConfigGroup application(ChannelSpec.Application a) {
        ConfigGroup.Builder g = ConfigGroup.newBuilder().setModPolicy(ADMINS);
        capabilities(g, a.capabilities());
        if (!a.acls().isEmpty()) {
            ACLs.Builder acls = ACLs.newBuilder();
            a.acls().forEach((k, v) -> acls.putAcls(k, APIResource.newBuilder().setPolicyRef(v).build()));
            value(g, "ACLs", acls.build());
        }
        policies(g, a.policies());
        for (ChannelSpec.Organization org : a.organizations()) {
            ConfigGroup.Builder og = organization(org);
            if (!org.anchorPeers().isEmpty()) {
                AnchorPeers.Builder peers = AnchorPeers.newBuilder();
                for (ChannelSpec.HostPort p : org.anchorPeers()) peers.addAnchorPeers(AnchorPeer.newBuilder().setHost(p.host()).setPort(p.port()));
                value(og, "AnchorPeers", peers.build());
            }
            g.putGroups(org.name(), og.build());
        }
        return g.build();
    }

    /** An organization's group: its MSP and its policies (configtxgen copies all of them into every group it is in). */
    private static ConfigGroup.Builder organization(ChannelSpec.Organization org) {
        ConfigGroup.Builder g = ConfigGroup.newBuilder().setModPolicy(ADMINS);
        ChannelSpec.Msp msp = org.msp();
        FabricMSPConfig.Builder m = FabricMSPConfig.newBuilder().setName(org.mspId()).setCryptoConfig(CRYPTO);
        msp.rootCerts().forEach(c -> m.addRootCerts(pem(c)));
        msp.tlsRootCerts().forEach(c -> m.addTlsRootCerts(pem(c)));
        msp.admins().forEach(c -> m.addAdmins(pem(c)));
        msp.nodeOuCaCert().ifPresent(ca -> m.setFabricNodeOus(FabricNodeOUs.newBuilder().setEnable(true)
                .setClientOuIdentifier(ou(ca, "client")).setPeerOuIdentifier(ou(ca, "peer"))
                .setAdminOuIdentifier(ou(ca, "admin")).setOrdererOuIdentifier(ou(ca, "orderer"))));
        value(g, "MSP", MSPConfig.newBuilder().setType(0).setConfig(serialize(m.build())).build());
        policies(g, org.policies());
        return g;
    }

    private static FabricOUIdentifier ou(String caCert, String ou) {
        return FabricOUIdentifier.newBuilder().setCertificate(pem(caCert)).setOrganizationalUnitIdentifier(ou).build();
    }

    private static void capabilities(ConfigGroup.Builder g, List<String> names) {
        if (names.isEmpty()) return;
        Capabilities.Builder c = Capabilities.newBuilder();
        names.forEach(n -> c.putCapabilities(n, Capability.getDefaultInstance()));
        value(g, "Capabilities", c.build());
    }

    private static void policies(ConfigGroup.Builder g, Map<String, Policy> policies) {
        policies.forEach((name, p) -> g.putPolicies(name, ConfigPolicy.newBuilder().setModPolicy(ADMINS)
                .setPolicy(Policies.toProto(p)).build()));
    }

    private static void value(ConfigGroup.Builder g, String key, MessageLite value) {
        g.putValues(key, ConfigValue.newBuilder().setModPolicy(ADMINS).setValue(serialize(value)).build());
    }

    /** Certificates travel as their PEM text, as configtxgen reads them from the MSP folders. */
    private static ByteString pem(String text) {
        return ByteString.copyFrom(text, StandardCharsets.UTF_8);
    }

    /** Protobuf's deterministic serialization: map entries sorted by key, so equal messages give equal bytes. */
    static ByteString serialize(MessageLite m) {
        byte[] out = new byte[m.getSerializedSize()];
        CodedOutputStream stream = CodedOutputStream.newInstance(out);
        stream.useDeterministicSerialization();
        try {
            m.writeTo(stream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stream.checkNoSpaceLeft();
        return ByteString.copyFrom(out);
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
