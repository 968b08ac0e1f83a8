package io.orca.platform.ethereum;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.orca.platform.ethereum.NodeKeyTest.seeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeKeysTest {
    @Test
    void firstRunGeneratesEverything() {
        NodeKeys.Resolution r = NodeKeys.resolve(List.of("validator-1", "validator-2", "carrier"), Map.of(), seeded(1));
        assertEquals(List.of("validator-1", "validator-2", "carrier"), List.copyOf(r.keys().keySet()));
        assertEquals(List.of("validator-1", "validator-2", "carrier"), r.generated());
        assertEquals(3, r.keys().values().stream().map(NodeKey::address).distinct().count());
        assertTrue(r.retained().isEmpty());
    }

    @Test
    void rerunKeepsExistingKeysAndGeneratesOnlyNewNodes() {
        NodeKeys.Resolution first = NodeKeys.resolve(List.of("validator-1", "validator-2"), Map.of(), seeded(1));
        String registry = first.publicMaterial().toJson();

        // Second run: keys read back (as the encryption layer would), public registry read back, one node added.
        Map<String, NodeKey> readBack = new HashMap<>();
        first.keys().forEach((n, k) -> readBack.put(n, NodeKey.fromPrivateKey(k.privateKey())));
        NodeKeys.Resolution second = NodeKeys.resolve(List.of("validator-1", "validator-2", "carrier"), readBack,
                PublicMaterial.parse(registry), seeded(2));

        assertEquals(first.key("validator-1"), second.key("validator-1"));
        assertEquals(first.key("validator-2"), second.key("validator-2"));
        assertEquals(List.of("carrier"), second.generated());
        // The registry of the first run is a prefix of the second: existing entries unchanged.
        PublicMaterial after = second.publicMaterial();
        assertEquals(first.publicMaterial().nodes().get("validator-1"), after.nodes().get("validator-1"));
        assertEquals(3, after.nodes().size());

        // Third run with everything present: nothing generated, identical registry bytes.
        Map<String, NodeKey> all = new HashMap<>(second.keys());
        NodeKeys.Resolution third = NodeKeys.resolve(List.of("carrier", "validator-1", "validator-2"), all,
                PublicMaterial.parse(after.toJson()), seeded(3));
        assertEquals(List.of(), third.generated());
        assertEquals(after.toJson(), third.publicMaterial().toJson());
        assertSame(all.get("carrier"), third.key("carrier"));
    }

    @Test
    void nodesDroppedFromTheNetworkAreRetainedNotForgotten() {
        NodeKeys.Resolution first = NodeKeys.resolve(List.of("a", "b"), Map.of(), seeded(1));
        NodeKeys.Resolution second = NodeKeys.resolve(List.of("a"), first.keys(), first.publicMaterial(), seeded(2));
        assertEquals(List.of("b"), List.copyOf(second.retained().keySet()));
        assertEquals(first.key("b"), second.retained().get("b"));
        assertTrue(second.publicMaterial().get("b").isPresent());
    }

    @Test
    void refusesToReplaceAKeyWhosePrivateHalfIsMissing() {
        NodeKeys.Resolution first = NodeKeys.resolve(List.of("a", "b"), Map.of(), seeded(1));
        Map<String, NodeKey> onlyA = Map.of("a", first.key("a"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NodeKeys.resolve(List.of("a", "b"), onlyA, first.publicMaterial(), seeded(2)));
        assertTrue(e.getMessage().contains("'b'"), e.getMessage());
    }

    @Test
    void refusesAPrivateKeyThatDoesNotMatchTheRecord() {
        NodeKeys.Resolution first = NodeKeys.resolve(List.of("a"), Map.of(), seeded(1));
        NodeKey other = NodeKey.generate(seeded(99));
        assertNotEquals(first.key("a"), other);
        assertThrows(IllegalStateException.class,
                () -> NodeKeys.resolve(List.of("a"), Map.of("a", other), first.publicMaterial(), seeded(2)));
    }

    @Test
    void rejectsDuplicateOrBlankNames() {
        assertThrows(IllegalArgumentException.class, () -> NodeKeys.resolve(List.of("a", "a"), Map.of(), seeded(1)));
        assertThrows(IllegalArgumentException.class, () -> NodeKeys.resolve(List.of(" "), Map.of(), seeded(1)));
        assertThrows(IllegalArgumentException.class, () -> NodeKeys.resolve(List.of("a "), Map.of(), seeded(1)));
    }
}
