package io.orca.platform.ethereum;

import java.util.Objects;

/** The public identity of one Besu node: its name, public key (enode ID) and address. */
public record NodeMaterial(String name, NodePublicKey publicKey, Address address) {
    public NodeMaterial {
        name = PublicMaterial.checkName(name);
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(address, "address");
        if (!publicKey.address().equals(address)) {
            throw new IllegalArgumentException("node '" + name + "': address " + address
                    + " does not belong to its public key (expected " + publicKey.address() + ")");
        }
    }

    public static NodeMaterial of(String name, NodePublicKey publicKey) {
        return new NodeMaterial(name, publicKey, publicKey.address());
    }

    public static NodeMaterial of(String name, NodeKey key) {
        return of(name, key.publicKey());
    }
}
