package io.orca.platform.ethereum;

import io.orca.model.Secret;
import io.orca.plan.SecretPlan;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A node's secp256k1 identity, kept across runs as an Opaque Secret: the private key under one key, its public key and
 * address beside it in {@code publicData} (so that another machine, reading only the public halves from Git, keeps
 * the identity too). Besu and GoQuorum differ only in how the key file is written ({@link Format}).
 */
public final class NodeKeySecret {
    private NodeKeySecret() {
    }

    /** How a client reads its node key file. */
    public enum Format {
        /** Besu's {@code key} file: {@code 0x} + 64 lower-case hex digits. */
        PREFIXED(Pattern.compile("0x[0-9a-f]{64}")),
        /** geth's {@code nodekey} file: 64 lower-case hex digits (geth refuses a {@code 0x} prefix). */
        PLAIN(Pattern.compile("[0-9a-f]{64}"));

        private final Pattern written;

        Format(Pattern written) {
            this.written = written;
        }

        Secret write(NodeKey key) {
            return this == PREFIXED ? key.privateKey() : Secret.of(Hex.strip(key.privateKey().reveal()));
        }
    }

    /** The node's public identity and the Secret that keeps it. */
    public record Identity(NodePublicKey publicKey, Address address, SecretPlan secret) {
    }

    /**
     * The identity of a node: the key of an earlier run when {@code known} has it, otherwise a new one, drawn from
     * {@code random} now (so keys are drawn in the caller's order) and derived when the supplier runs (an EC
     * multiplication, which callers may run in parallel). A kept key whose public halves are stored with it, exactly
     * as this class writes them, is not re-derived; only its public half known (the private key lives encrypted in
     * Git) keeps the identity as it is.
     */
    public static Supplier<Identity> resolve(String secretName, String dataKey, Format format, Optional<SecretPlan> known,
                                             SecureRandom random) {
        if (known.isPresent() && known.get().data().isEmpty()) {
            SecretPlan p = known.get();
            Identity id = new Identity(NodePublicKey.parse(p.publicData().get("publicKey")), Address.parse(p.publicData().get("address")), p);
            return () -> id;
        }
        if (known.isPresent()) {
            SecretPlan p = known.get();
            NodePublicKey stored = storedPublicKey(p, dataKey, format);
            if (stored != null && p.name().equals(secretName)) {
                Identity id = new Identity(stored, stored.address(), p);
                return () -> id;
            }
        }
        Supplier<NodeKey> key = known.map(p -> NodeKey.deferred(p.data().get(dataKey))).orElseGet(() -> NodeKey.draw(random));
        return () -> {
            NodeKey k = key.get();
            SecretPlan secret = new SecretPlan(secretName, new TreeMap<>(Map.of(dataKey, format.write(k))),
                    new TreeMap<>(Map.of("address", k.address().toString(), "publicKey", k.publicKey().toString())));
            return new Identity(k.publicKey(), k.address(), secret);
        };
    }

    /**
     * The public key stored beside a kept private key, when the record is exactly what {@link #resolve} writes (the
     * client's key file form, the public key on the curve, the address its keccak hash); otherwise null and the key is
     * re-derived. The private key is kept as it is either way, so identities never change.
     */
    private static NodePublicKey storedPublicKey(SecretPlan p, String dataKey, Format format) {
        Map<String, String> pub = p.publicData();
        if (!p.generated() || !SecretPlan.OPAQUE.equals(p.type()) || !p.data().keySet().equals(Set.of(dataKey))
                || !pub.keySet().equals(Set.of("address", "publicKey"))
                || !format.written.matcher(p.data().get(dataKey).reveal()).matches()) {
            return null;
        }
        try {
            NodePublicKey key = NodePublicKey.parse(pub.get("publicKey"));
            return key.toString().equals(pub.get("publicKey")) && key.address().toString().equals(pub.get("address")) ? key : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
