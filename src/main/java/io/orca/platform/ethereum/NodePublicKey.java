package io.orca.platform.ethereum;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A node's secp256k1 public key as Besu writes it: the 64-byte uncompressed point X||Y, without the
 * {@code 04} SEC1 prefix, held as 128 lower-case hex digits without {@code 0x} (the enode node ID form).
 * Construction checks that the point lies on secp256k1.
 */
public record NodePublicKey(String hex) {
    public NodePublicKey {
        Objects.requireNonNull(hex, "hex");
        if (!hex.matches("[0-9a-f]{128}")) {
            throw new IllegalArgumentException("public key must be 128 lower-case hex digits (64 bytes, no 04 prefix)");
        }
        byte[] sec1 = new byte[65];
        sec1[0] = 0x04;
        System.arraycopy(Hex.decode(hex), 0, sec1, 1, 64);
        try {
            if (!Secp256k1.CURVE.getCurve().decodePoint(sec1).isValid()) {
                throw new IllegalArgumentException("public key is not a valid secp256k1 point");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("public key is not a valid secp256k1 point", e);
        }
    }

    /** Parses 128 hex digits, with or without {@code 0x}; also accepts a 65-byte {@code 04}-prefixed form. */
    public static NodePublicKey parse(String text) {
        String h = Hex.strip(Objects.requireNonNull(text, "public key").strip()).toLowerCase(Locale.ROOT);
        if (h.length() == 130 && h.startsWith("04")) {
            h = h.substring(2);
        }
        return new NodePublicKey(h);
    }

    static NodePublicKey ofUncompressed(byte[] sec1) {
        if (sec1.length != 65 || sec1[0] != 0x04) {
            throw new IllegalArgumentException("expected a 65-byte uncompressed SEC1 point");
        }
        return new NodePublicKey(Hex.encode(Arrays.copyOfRange(sec1, 1, 65)));
    }

    public byte[] bytes() {
        return Hex.decode(hex);
    }

    /** {@code 0x} + 128 hex digits, the content of the {@code key.pub} file Besu exports. */
    public String prefixedHex() {
        return "0x" + hex;
    }

    /** The account address: the last 20 bytes of keccak256(X||Y). */
    public Address address() {
        byte[] hash = Keccak.keccak256(bytes());
        return Address.of(Arrays.copyOfRange(hash, 12, 32));
    }

    @Override
    public String toString() {
        return hex;
    }
}
