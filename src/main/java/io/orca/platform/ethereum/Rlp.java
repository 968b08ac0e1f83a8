package io.orca.platform.ethereum;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Recursive Length Prefix encoding (Ethereum yellow paper, appendix B): byte strings, lists and
 * scalars (unsigned integers as minimal big-endian byte strings, zero as the empty string).
 * A small decoder is included to read values back (e.g. the validators in an extraData).
 */
public final class Rlp {
    private static final int SHORT_STRING = 0x80;
    private static final int LONG_STRING = 0xb7;
    private static final int SHORT_LIST = 0xc0;
    private static final int LONG_LIST = 0xf7;

    private Rlp() {
    }

    /** Encodes one byte string. */
    public static byte[] encodeBytes(byte[] bytes) {
        if (bytes.length == 1 && (bytes[0] & 0xff) < SHORT_STRING) {
            return bytes.clone();
        }
        return concat(header(SHORT_STRING, LONG_STRING, bytes.length), bytes);
    }

    /** Encodes an unsigned scalar: minimal big-endian bytes, no leading zeros; 0 encodes as 0x80. */
    public static byte[] encodeScalar(BigInteger value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("RLP scalars are unsigned");
        }
        if (value.signum() == 0) {
            return encodeBytes(new byte[0]);
        }
        byte[] b = value.toByteArray();
        if (b[0] == 0) {
            b = Arrays.copyOfRange(b, 1, b.length);
        }
        return encodeBytes(b);
    }

    public static byte[] encodeScalar(long value) {
        return encodeScalar(BigInteger.valueOf(value));
    }

    /** Encodes a list whose items are already RLP-encoded. */
    public static byte[] encodeList(List<byte[]> encodedItems) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (byte[] item : encodedItems) {
            payload.writeBytes(item);
        }
        byte[] p = payload.toByteArray();
        return concat(header(SHORT_LIST, LONG_LIST, p.length), p);
    }

    public static byte[] encodeList(byte[]... encodedItems) {
        return encodeList(Arrays.asList(encodedItems));
    }

    private static byte[] header(int shortBase, int longBase, int length) {
        if (length < 56) {
            return new byte[] {(byte) (shortBase + length)};
        }
        byte[] len = BigInteger.valueOf(length).toByteArray();
        if (len[0] == 0) {
            len = Arrays.copyOfRange(len, 1, len.length);
        }
        byte[] h = new byte[1 + len.length];
        h[0] = (byte) (longBase + len.length);
        System.arraycopy(len, 0, h, 1, len.length);
        return h;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** A decoded RLP value: either a byte string or a list of items. */
    public sealed interface Item permits Bytes, ItemList {
    }

    /** A decoded byte string (defensively copied). */
    public static final class Bytes implements Item {
        private final byte[] value;

        Bytes(byte[] value) {
            this.value = value.clone();
        }

        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(b.value, value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "0x" + Hex.encode(value);
        }
    }

    /** A decoded list. */
    public record ItemList(List<Item> items) implements Item {
        public ItemList {
            items = List.copyOf(Objects.requireNonNull(items));
        }
    }

    /** Decodes exactly one item spanning all of {@code input}; rejects trailing bytes and non-canonical forms. */
    public static Item decode(byte[] input) {
        int[] pos = {0};
        Item item = decodeAt(input, pos, input.length);
        if (pos[0] != input.length) {
            throw new IllegalArgumentException("trailing bytes after RLP item");
        }
        return item;
    }

    private static Item decodeAt(byte[] in, int[] pos, int limit) {
        if (pos[0] >= limit) {
            throw new IllegalArgumentException("RLP input truncated");
        }
        int prefix = in[pos[0]] & 0xff;
        if (prefix < SHORT_STRING) {
            pos[0]++;
            return new Bytes(new byte[] {(byte) prefix});
        }
        boolean list = prefix >= SHORT_LIST;
        int shortBase = list ? SHORT_LIST : SHORT_STRING;
        int longBase = list ? LONG_LIST : LONG_STRING;
        int length;
        int start;
        if (prefix <= longBase) {
            length = prefix - shortBase;
            start = pos[0] + 1;
        } else {
            int lenOfLen = prefix - longBase;
            if (pos[0] + 1 + lenOfLen > limit) {
                throw new IllegalArgumentException("RLP input truncated");
            }
            if (in[pos[0] + 1] == 0) {
                throw new IllegalArgumentException("non-canonical RLP length (leading zero)");
            }
            long l = 0;
            for (int i = 0; i < lenOfLen; i++) {
                l = (l << 8) | (in[pos[0] + 1 + i] & 0xff);
                if (l > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("RLP length too large");
                }
            }
            if (l < 56) {
                throw new IllegalArgumentException("non-canonical RLP length (should use short form)");
            }
            length = (int) l;
            start = pos[0] + 1 + lenOfLen;
        }
        int end = start + length;
        if (end > limit || end < start) {
            throw new IllegalArgumentException("RLP input truncated");
        }
        pos[0] = end;
        if (!list) {
            byte[] v = Arrays.copyOfRange(in, start, end);
            if (length == 1 && (v[0] & 0xff) < SHORT_STRING) {
                throw new IllegalArgumentException("non-canonical RLP single byte");
            }
            return new Bytes(v);
        }
        List<Item> items = new ArrayList<>();
        int[] inner = {start};
        while (inner[0] < end) {
            items.add(decodeAt(in, inner, end));
        }
        return new ItemList(items);
    }
}
