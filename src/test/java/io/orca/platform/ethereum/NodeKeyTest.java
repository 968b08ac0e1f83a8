package io.orca.platform.ethereum;

import io.orca.model.Secret;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeKeyTest {
    /** Deterministic "SecureRandom" for tests: SHA1PRNG seeded before first use is reproducible. */
    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /*
     * Known answers: the dev accounts of Besu's documentation genesis files (alloc entries list the
     * private key beside the address), also the well-known Truffle/Ganache development accounts.
     */
    @Test
    void derivesKnownAddresses() {
        assertAddress("8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63",
                "0xfe3b557e8fb62b89f4916b721be55ceb828dbd73");
        assertAddress("c87509a1c067bbde78beb793e6fa76530b6382a4c0241e5e4a9ec0a0f44dc0d3",
                "0x627306090abab3a6e1400e9345bc60c78a8bef57");
        assertAddress("ae6ae8e5ccbfb04590405997ee2d52d2b330726137b875053c36d94e974d162f",
                "0xf17f52151ebef6c7334fad080c5704d77216b732");
    }

    private static void assertAddress(String priv, String address) {
        NodeKey k = NodeKey.fromPrivateKey(Secret.of(priv));
        assertEquals(address, k.address().hex());
        assertEquals(address, k.publicKey().address().hex());
        assertEquals("0x" + priv, k.privateKey().reveal());
    }

    @Test
    void derivesKnownPublicKeyOfGenerator() {
        // Private key 1 -> public key = the secp256k1 generator point G (SEC 2, section 2.4.1).
        NodeKey one = NodeKey.fromPrivateKey(Secret.of("0x" + "0".repeat(63) + "1"));
        assertEquals("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
                + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8", one.publicKey().hex());
        // keccak256(G) address, widely published as the address of private key 1.
        assertEquals("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf", one.address().hex());
    }

    @Test
    void acceptsKeyFileVariants() {
        String priv = "8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63";
        NodeKey a = NodeKey.fromPrivateKey(Secret.of(priv));
        NodeKey b = NodeKey.fromPrivateKey(Secret.of("0x" + priv.toUpperCase() + "\n"));
        assertEquals(a, b);
        assertEquals(a.privateKey(), b.privateKey());
    }

    @Test
    void rejectsBadPrivateKeysWithoutEchoingThem() {
        String zero = "0".repeat(64);
        String n = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";
        String shortKey = "abcdef0123";
        for (String bad : new String[] {zero, n, shortKey, "zz" + "0".repeat(62)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NodeKey.fromPrivateKey(Secret.of(bad)));
            assertFalse(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void generatesValidDistinctKeysAndIsReproducibleWithSeededRandom() {
        NodeKey a = NodeKey.generate(seeded(42));
        NodeKey b = NodeKey.generate(seeded(42));
        NodeKey c = NodeKey.generate(new SecureRandom());
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertTrue(a.privateKey().reveal().matches("0x[0-9a-f]{64}"));
        assertTrue(a.publicKey().hex().matches("[0-9a-f]{128}"));
        assertEquals(a, NodeKey.fromPrivateKey(a.privateKey()));
        assertEquals(a.publicKey(), NodeKey.fromPrivateKey(a.privateKey()).publicKey());
    }

    @Test
    void toStringNeverShowsThePrivateKey() {
        NodeKey k = NodeKey.generate(seeded(7));
        String priv = Hex.strip(k.privateKey().reveal());
        assertFalse(k.toString().contains(priv));
        assertTrue(k.toString().contains(k.publicKey().hex()));
        assertEquals("***", k.privateKey().toString());
    }

    @Test
    void publicKeyParsingValidatesThePoint() {
        NodeKey k = NodeKey.generate(seeded(1));
        assertEquals(k.publicKey(), NodePublicKey.parse(k.publicKey().prefixedHex()));
        assertEquals(k.publicKey(), NodePublicKey.parse("04" + k.publicKey().hex()));
        String notOnCurve = "1".repeat(128);
        assertThrows(IllegalArgumentException.class, () -> NodePublicKey.parse(notOnCurve));
        assertThrows(IllegalArgumentException.class, () -> NodePublicKey.parse("abc"));
    }

    /** draw() makes the same draws as BouncyCastle's generator: the same seeded random gives the same keys. */
    @Test
    void drawnKeysEqualGeneratedKeys() throws Exception {
        SecureRandom a = SecureRandom.getInstance("SHA1PRNG");
        a.setSeed(7);
        SecureRandom b = SecureRandom.getInstance("SHA1PRNG");
        b.setSeed(7);
        for (int i = 0; i < 50; i++) {
            NodeKey generated = NodeKey.generate(a);
            NodeKey drawn = NodeKey.draw(b).get();
            assertEquals(generated, drawn);
            assertEquals(generated.publicKey(), drawn.publicKey());
            assertEquals(NodeKey.fromPrivateKey(generated.privateKey()).publicKey(), generated.publicKey());
            assertEquals(generated.publicKey(), NodeKey.deferred(generated.privateKey()).get().publicKey());
        }
    }
}
