package io.orca.platform.ethereum;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AddressTest {
    /** EIP-55 test vectors (from the EIP text). */
    @Test
    void eip55Vectors() {
        for (String v : new String[] {
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
                "0x52908400098527886E0F7030069857D2E4169EE7", "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
                "0xde709f2102306220921060314715629080e2fb77", "0x27b1fdb04752bbc536007a920d24acb045561c26"}) {
            Address a = Address.parse(v);
            assertEquals(v, a.toChecksumString());
            assertEquals(v.toLowerCase(), a.hex());
        }
    }

    @Test
    void parsingRules() {
        assertEquals(Address.parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"), Address.parse("5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED"));
        assertThrows(IllegalArgumentException.class, () -> Address.parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
        assertThrows(IllegalArgumentException.class, () -> Address.parse("0x1234"));
        assertThrows(IllegalArgumentException.class, () -> Address.parse("0xzz" + "0".repeat(38)));
        assertThrows(IllegalArgumentException.class, () -> new Address("0xABCDEF" + "0".repeat(34)));
        assertEquals("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", Address.parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed").unprefixed());
    }

    @Test
    void keccakKnownAnswers() {
        // Keccak-256 (not SHA3-256) of the empty string and of "abc".
        assertEquals("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", Hex.encode(Keccak.keccak256(new byte[0])));
        assertEquals("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
                Hex.encode(Keccak.keccak256("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    }
}
