package io.orca.platform.fabric.channel;

import com.google.protobuf.ByteString;
import io.orca.platform.fabric.crypto.EcKey;
import io.orca.platform.fabric.crypto.P256;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigSignature;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * A channel configuration update as {@code peer channel update -f} and {@code peer channel signconfigtx -f} read it:
 * an unsigned {@link Envelope} of type CONFIG_UPDATE whose payload is a {@link ConfigUpdateEnvelope} — the update's
 * bytes and one {@link ConfigSignature} per admin who signed, each an ECDSA signature over
 * {@code signature_header || config_update} (Fabric's order).
 *
 * <p>Deterministic: the update is serialized with sorted maps, signatures are RFC 6979, and each signature header's
 * nonce (random in Fabric's CLI; Fabric checks no nonce of a config signature) is a hash of public inputs only — the
 * signer's MSP ID and certificate and the update's bytes — so it reveals nothing about a key.
 */
public final class UpdateEnvelope {
    private UpdateEnvelope() {
    }

    /** An admin who signs: MSP ID, enrollment certificate (PEM, the MSP's serialized identity) and its private key. */
    public record Signer(String mspId, String certPem, EcKey key) {
        public Signer {
            if (!key.hasPrivate()) throw new IllegalArgumentException("signer " + mspId + " has no private key here");
        }
    }

    /** The envelope's bytes, signed by {@code signers} in the given order. */
    public static byte[] bytes(ConfigUpdate update, List<Signer> signers) {
        ByteString updateBytes = GenesisBlock.serialize(update);
        ConfigUpdateEnvelope.Builder env = ConfigUpdateEnvelope.newBuilder().setConfigUpdate(updateBytes);
        for (Signer s : signers) env.addSignatures(signature(updateBytes, s));
        ChannelHeader header = ChannelHeader.newBuilder().setType(HeaderType.CONFIG_UPDATE_VALUE).setChannelId(update.getChannelId()).build();
        Payload payload = Payload.newBuilder().setHeader(Header.newBuilder().setChannelHeader(GenesisBlock.serialize(header)))
                .setData(GenesisBlock.serialize(env.build())).build();
        return GenesisBlock.serialize(Envelope.newBuilder().setPayload(GenesisBlock.serialize(payload)).build()).toByteArray();
    }

    static ConfigSignature signature(ByteString updateBytes, Signer s) {
        byte[] cert = s.certPem().getBytes(StandardCharsets.UTF_8);
        byte[] nonce = Arrays.copyOf(sha256("orca config signature\0".getBytes(StandardCharsets.UTF_8),
                s.mspId().getBytes(StandardCharsets.UTF_8), new byte[]{0}, cert, updateBytes.toByteArray()), 24);
        ByteString header = GenesisBlock.serialize(SignatureHeader.newBuilder()
                .setCreator(GenesisBlock.serialize(SerializedIdentity.newBuilder().setMspid(s.mspId())
                        .setIdBytes(ByteString.copyFrom(cert)).build()))
                .setNonce(ByteString.copyFrom(nonce)).build());
        byte[] signed = header.concat(updateBytes).toByteArray();
        byte[] sig = P256.sign(s.key().privateScalar().orElseThrow(), signed);
        return ConfigSignature.newBuilder().setSignatureHeader(header).setSignature(ByteString.copyFrom(sig)).build();
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) md.update(p);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
