package io.orca.platform.ethereum;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Vectors from the RLP page of the Ethereum wiki / ethereum.org docs and ethereum/tests rlptest.json. */
class RlpTest {
    private static byte[] s(String text) {
        return Rlp.encodeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String hex(byte[] b) {
        return Hex.encode(b);
    }

    @Test
    void strings() {
        assertEquals("83646f67", hex(s("dog")));
        assertEquals("80", hex(s("")));
        assertEquals("00", hex(Rlp.encodeBytes(new byte[] {0})));
        assertEquals("0f", hex(Rlp.encodeBytes(new byte[] {0x0f})));
        assertEquals("8180", hex(Rlp.encodeBytes(new byte[] {(byte) 0x80})));
        assertEquals("820400", hex(Rlp.encodeBytes(new byte[] {0x04, 0x00})));
        String lorem = "Lorem ipsum dolor sit amet, consectetur adipisicing elit";
        assertEquals("b838" + hex(lorem.getBytes(StandardCharsets.US_ASCII)), hex(s(lorem)));
    }

    @Test
    void lists() {
        assertEquals("c88363617483646f67", hex(Rlp.encodeList(s("cat"), s("dog"))));
        assertEquals("c0", hex(Rlp.encodeList()));
        // The set theoretical representation of three: [ [], [[]], [ [], [[]] ] ]
        byte[] empty = Rlp.encodeList();
        byte[] one = Rlp.encodeList(empty);
        assertEquals("c7c0c1c0c3c0c1c0", hex(Rlp.encodeList(empty, one, Rlp.encodeList(empty, one))));
        // A list longer than 55 bytes uses the long form (0xf8 + one length byte).
        byte[] item = s("Lorem ipsum dolor sit amet, consectetur adipisicing elit");
        assertEquals("f83a" + hex(item), hex(Rlp.encodeList(item)));
    }

    @Test
    void scalars() {
        assertEquals("80", hex(Rlp.encodeScalar(0)));
        assertEquals("01", hex(Rlp.encodeScalar(1)));
        assertEquals("0f", hex(Rlp.encodeScalar(15)));
        assertEquals("7f", hex(Rlp.encodeScalar(127)));
        assertEquals("8180", hex(Rlp.encodeScalar(128)));
        assertEquals("820400", hex(Rlp.encodeScalar(1024)));
        assertEquals("83fedcba", hex(Rlp.encodeScalar(0xFEDCBA)));
        assertEquals("88ffffffffffffffff", hex(Rlp.encodeScalar(new BigInteger("ffffffffffffffff", 16))));
        assertThrows(IllegalArgumentException.class, () -> Rlp.encodeScalar(-1));
    }

    @Test
    void decodesWhatItEncodes() {
        byte[] encoded = Rlp.encodeList(s("cat"), Rlp.encodeList(s("dog"), Rlp.encodeScalar(1024)), s(""));
        Rlp.Item item = Rlp.decode(encoded);
        Rlp.ItemList list = (Rlp.ItemList) item;
        assertEquals(3, list.items().size());
        assertEquals("0x636174", list.items().get(0).toString());
        assertEquals(List.of(new Rlp.Bytes("dog".getBytes(StandardCharsets.US_ASCII)), new Rlp.Bytes(new byte[] {4, 0})),
                ((Rlp.ItemList) list.items().get(1)).items());
        assertEquals("0x", list.items().get(2).toString());
    }

    @Test
    void decoderRejectsMalformedInput() {
        assertThrows(IllegalArgumentException.class, () -> Rlp.decode(Hex.decode("83646f")));   // truncated
        assertThrows(IllegalArgumentException.class, () -> Rlp.decode(Hex.decode("83646f6700"))); // trailing
        assertThrows(IllegalArgumentException.class, () -> Rlp.decode(Hex.decode("8105")));     // non-canonical
        assertThrows(IllegalArgumentException.class, () -> Rlp.decode(Hex.decode("b80100")));   // long form for short
        assertThrows(IllegalArgumentException.class, () -> Rlp.decode(new byte[0]));
    }
}
