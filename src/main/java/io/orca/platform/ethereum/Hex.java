package io.orca.platform.ethereum;

import java.util.HexFormat;

/** Lower-case hex helpers; {@code 0x} prefixes are optional on input. */
public final class Hex {
    private static final HexFormat HEX = HexFormat.of();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static String encodePrefixed(byte[] bytes) {
        return "0x" + encode(bytes);
    }

    /** Strips one optional {@code 0x}/{@code 0X} prefix. */
    public static String strip(String hex) {
        if (hex.startsWith("0x") || hex.startsWith("0X")) {
            return hex.substring(2);
        }
        return hex;
    }

    /** Decodes hex with an optional {@code 0x} prefix; rejects odd lengths and non-hex characters. */
    public static byte[] decode(String hex) {
        String h = strip(hex);
        if (h.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits");
        }
        for (int i = 0; i < h.length(); i++) {
            if (Character.digit(h.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("not a hex digit at position " + i);
            }
        }
        return HEX.parseHex(h);
    }

    /** Minimal hex quantity as in Ethereum JSON ({@code 0x0}, {@code 0x1f}). */
    public static String quantity(java.math.BigInteger value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("quantity must not be negative");
        }
        return "0x" + value.toString(16);
    }

    public static String quantity(long value) {
        return quantity(java.math.BigInteger.valueOf(value));
    }
}
