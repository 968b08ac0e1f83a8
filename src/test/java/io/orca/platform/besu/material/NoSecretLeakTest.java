package io.orca.platform.besu.material;

import io.orca.platform.ethereum.Enode;
import io.orca.platform.ethereum.Hex;
import io.orca.platform.ethereum.NodeKey;
import io.orca.platform.ethereum.NodeKeys;
import io.orca.platform.ethereum.NodeMaterial;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.orca.render.Generated.seeded;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** No record or value object of this package prints a private key, whichever way it is printed. */
class NoSecretLeakTest {
    @Test
    void privateKeysNeverAppearInToString() {
        NodeKeys.Resolution first = NodeKeys.resolve(List.of("validator-1", "member-1"), Map.of(), seeded(11));
        NodeKeys.Resolution r = NodeKeys.resolve(List.of("validator-1"), first.keys(), first.publicMaterial(), seeded(12));
        NodeKey k = r.key("validator-1");
        GenesisSpec spec = GenesisSpec.builder(Consensus.QBFT, 1337).validator(k.address()).build();
        Object[] printed = {
                k, r, first, r.keys(), r.retained(), r.publicMaterial(), NodeMaterial.of("validator-1", k),
                k.publicKey(), k.address(), Enode.of(k.publicKey(), "host", 30303), spec, Genesis.toJson(spec),
                r.publicMaterial().toJson(), k.privateKey()};
        for (NodeKey key : List.of(k, r.retained().get("member-1"))) {
            String priv = Hex.strip(key.privateKey().reveal());
            for (Object o : printed) {
                String s = String.valueOf(o);
                assertFalse(s.contains(priv), () -> o.getClass().getSimpleName() + " leaks a private key: " + s);
                assertFalse(s.contains(priv.toUpperCase()), () -> o.getClass().getSimpleName() + " leaks a private key");
            }
        }
    }
}
