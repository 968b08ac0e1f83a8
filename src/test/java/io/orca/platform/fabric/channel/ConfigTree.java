package io.orca.platform.fabric.channel;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import org.hyperledger.fabric.protos.common.BlockDataHashingStructure;
import org.hyperledger.fabric.protos.common.Capabilities;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.HashingAlgorithm;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.OrdererAddresses;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.BatchTimeout;
import org.hyperledger.fabric.protos.orderer.ChannelRestrictions;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.peer.ACLs;
import org.hyperledger.fabric.protos.peer.AnchorPeers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Test-only: a protobuf message as a plain tree for semantic comparison, the way the reference README describes it:
 * maps become sorted maps (order-insensitive), lists stay in order, and every opaque {@code bytes} field Fabric fills
 * with a serialized message is decoded by its key (ConfigValue by its name in the group, Policy by its type, MSP
 * config, consensus metadata, MSP principals). Certificates show as their text.
 */
final class ConfigTree {
    private static final Map<String, Function<ByteString, Message>> VALUES = Map.ofEntries(
            Map.entry("MSP", b -> parse(() -> MSPConfig.parseFrom(b))),
            Map.entry("Endpoints", b -> parse(() -> OrdererAddresses.parseFrom(b))),
            Map.entry("OrdererAddresses", b -> parse(() -> OrdererAddresses.parseFrom(b))),
            Map.entry("AnchorPeers", b -> parse(() -> AnchorPeers.parseFrom(b))),
            Map.entry("Capabilities", b -> parse(() -> Capabilities.parseFrom(b))),
            Map.entry("ACLs", b -> parse(() -> ACLs.parseFrom(b))),
            Map.entry("ConsensusType", b -> parse(() -> ConsensusType.parseFrom(b))),
            Map.entry("BatchSize", b -> parse(() -> BatchSize.parseFrom(b))),
            Map.entry("BatchTimeout", b -> parse(() -> BatchTimeout.parseFrom(b))),
            Map.entry("ChannelRestrictions", b -> parse(() -> ChannelRestrictions.parseFrom(b))),
            Map.entry("HashingAlgorithm", b -> parse(() -> HashingAlgorithm.parseFrom(b))),
            Map.entry("BlockDataHashingStructure", b -> parse(() -> BlockDataHashingStructure.parseFrom(b))));

    private ConfigTree() {
    }

    interface Parse {
        Message get() throws InvalidProtocolBufferException;
    }

    static Message parse(Parse p) {
        try {
            return p.get();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    static Object of(Message m) {
        return of(m, null);
    }

    /** {@code key}: the map key this message is the value of (a ConfigValue's name). */
    private static Object of(Message m, String key) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<Descriptors.FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
            Descriptors.FieldDescriptor f = e.getKey();
            if (f.isMapField()) {
                Map<String, Object> entries = new TreeMap<>();
                for (Object entry : (List<?>) e.getValue()) {
                    Message me = (Message) entry;
                    Descriptors.FieldDescriptor kf = me.getDescriptorForType().findFieldByName("key");
                    Descriptors.FieldDescriptor vf = me.getDescriptorForType().findFieldByName("value");
                    String k = String.valueOf(me.getField(kf));
                    Object v = me.getField(vf);
                    entries.put(k, v instanceof Message vm ? of(vm, k) : v);
                }
                out.put(f.getName(), entries);
            } else if (f.isRepeated()) {
                List<Object> items = new ArrayList<>();
                for (Object item : (List<?>) e.getValue()) items.add(value(m, f, item, key));
                out.put(f.getName(), items);
            } else {
                out.put(f.getName(), value(m, f, e.getValue(), key));
            }
        }
        return out;
    }

    private static Object value(Message parent, Descriptors.FieldDescriptor f, Object v, String key) {
        if (v instanceof Message m) return of(m);
        if (v instanceof Descriptors.EnumValueDescriptor en) return en.getName();
        if (v instanceof ByteString b) return bytes(parent, f, b, key);
        return v;
    }

    private static Object bytes(Message parent, Descriptors.FieldDescriptor f, ByteString b, String key) {
        String field = parent.getDescriptorForType().getName() + "." + f.getName();
        switch (field) {
            case "ConfigValue.value" -> {
                Function<ByteString, Message> d = VALUES.get(key);
                if (d == null) throw new AssertionError("no decoder for config value " + key);
                return of(d.apply(b));
            }
            case "Policy.value" -> {
                int type = ((org.hyperledger.fabric.protos.common.Policy) parent).getType();
                return of(type == 1 ? parse(() -> SignaturePolicyEnvelope.parseFrom(b)) : parse(() -> ImplicitMetaPolicy.parseFrom(b)));
            }
            case "MSPConfig.config" -> {
                return of(parse(() -> FabricMSPConfig.parseFrom(b)));
            }
            case "ConsensusType.metadata" -> {
                return of(parse(() -> ConfigMetadata.parseFrom(b)));
            }
            case "MSPPrincipal.principal" -> {
                if (((MSPPrincipal) parent).getPrincipalClassification() == MSPPrincipal.Classification.ROLE) {
                    return of(parse(() -> MSPRole.parseFrom(b)));
                }
                return Base64.getEncoder().encodeToString(b.toByteArray());
            }
            default -> {
                String text = b.toString(StandardCharsets.UTF_8);
                return text.startsWith("-----BEGIN ") ? text : Base64.getEncoder().encodeToString(b.toByteArray());
            }
        }
    }

    /** A ConfigValue decoded, for tests that look at one value. */
    static Object value(String key, ConfigValue v) {
        return of(VALUES.get(key).apply(v.getValue()));
    }
}
