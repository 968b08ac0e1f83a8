package io.orca.platform.ethereum;

import io.orca.model.Secret;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EnodeTest {
    static final NodePublicKey G = NodeKey.fromPrivateKey(Secret.of("0x" + "0".repeat(63) + "1")).publicKey();
    static final String G_HEX = "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
            + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8";

    @Test
    void writesBesuFormat() {
        assertEquals("enode://" + G_HEX + "@validator-1.supplychain-bes:30303?discport=30303",
                Enode.of(G, "validator-1.supplychain-bes", 30303).url());
        assertEquals("enode://" + G_HEX + "@10.0.0.7:15011?discport=0",
                Enode.of(G, "10.0.0.7", 15011).withDiscoveryPort(0).toString());
        assertEquals("enode://" + G_HEX + "@[::1]:30303?discport=30303", Enode.of(G, "::1", 30303).url());
    }

    @Test
    void parsesBack() {
        Enode e = new Enode(G, "node.test.example.com", 15011, 15012);
        assertEquals(e, Enode.parse(e.url()));
        assertEquals(Enode.of(G, "127.0.0.1", 30303), Enode.parse("enode://" + G_HEX + "@127.0.0.1:30303"));
        assertEquals(Enode.of(G, "::1", 30303), Enode.parse("enode://" + G_HEX + "@[::1]:30303?discport=30303"));
    }

    @Test
    void rejectsBadParts() {
        assertThrows(IllegalArgumentException.class, () -> Enode.of(G, "", 30303));
        assertThrows(IllegalArgumentException.class, () -> Enode.of(G, "a b", 30303));
        assertThrows(IllegalArgumentException.class, () -> Enode.of(G, "host@x", 30303));
        assertThrows(IllegalArgumentException.class, () -> Enode.of(G, "host", 0));
        assertThrows(IllegalArgumentException.class, () -> Enode.of(G, "host", 65536));
        assertThrows(IllegalArgumentException.class, () -> Enode.of(G, "host", 1).withDiscoveryPort(-1));
        assertThrows(IllegalArgumentException.class, () -> Enode.parse("enode://abc@host:1"));
        assertThrows(IllegalArgumentException.class, () -> Enode.parse("http://" + G_HEX + "@host:1"));
    }
}
