package io.orca.platform.ethereum;

import io.orca.model.Secret;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.orca.platform.ethereum.NodeKeyTest.seeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PublicMaterialTest {
    static final NodeKey DEV = NodeKey.fromPrivateKey(
            Secret.of("8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63"));
    static final NodeKey ONE = NodeKey.fromPrivateKey(Secret.of("0x" + "0".repeat(63) + "1"));

    @Test
    void exactJsonSortedByName() {
        PublicMaterial m = PublicMaterial.of(List.of(NodeMaterial.of("validator-2", ONE), NodeMaterial.of("validator-1", DEV)));
        String expected = """
                {
                  "nodes": {
                    "validator-1": {
                      "publicKey": "%s",
                      "address": "0xfe3b557e8fb62b89f4916b721be55ceb828dbd73"
                    },
                    "validator-2": {
                      "publicKey": "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8",
                      "address": "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf"
                    }
                  }
                }
                """.formatted(DEV.publicKey().hex());
        assertEquals(expected, m.toJson());
        assertEquals(m, PublicMaterial.parse(expected));
        assertEquals(expected, PublicMaterial.parse(expected).toJson());
        assertFalse(m.toJson().contains(Hex.strip(DEV.privateKey().reveal())));
    }

    @Test
    void parseChecksEveryEntry() {
        String pub = DEV.publicKey().hex();
        String wrongAddress = "{\"nodes\":{\"a\":{\"publicKey\":\"" + pub + "\",\"address\":\"0x7e5f4552091a69125d5dfcb7b8c2659029395bdf\"}}}";
        assertThrows(IllegalArgumentException.class, () -> PublicMaterial.parse(wrongAddress));
        assertThrows(IllegalArgumentException.class, () -> PublicMaterial.parse("{\"nodes\":{\"a\":{\"publicKey\":\"" + "1".repeat(128) + "\"}}}"));
        assertThrows(IllegalArgumentException.class, () -> PublicMaterial.parse("{\"nodes\":{\"a\":{\"publicKey\":\"" + pub + "\",\"privateKey\":\"x\"}}}"));
        assertThrows(IllegalArgumentException.class, () -> PublicMaterial.parse("{\"other\":{}}"));
        assertThrows(IllegalArgumentException.class, () -> PublicMaterial.parse("not json"));
        // address is optional on input (derived), 0x-prefixed public keys are accepted.
        PublicMaterial m = PublicMaterial.parse("{\"nodes\":{\"a\":{\"publicKey\":\"0x" + pub + "\"}}}");
        assertEquals(DEV.address(), m.get("a").orElseThrow().address());
    }

    @Test
    void rejectsDuplicateNames() {
        assertThrows(IllegalArgumentException.class,
                () -> PublicMaterial.of(List.of(NodeMaterial.of("a", DEV), NodeMaterial.of("a", NodeKey.generate(seeded(3))))));
    }
}
