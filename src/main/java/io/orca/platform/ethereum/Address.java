package io.orca.platform.ethereum;

import java.util.Locale;
import java.util.Objects;

/**
 * A 20-byte Ethereum account address, held canonically as {@code 0x} + 40 lower-case hex digits.
 * Input may omit {@code 0x}; all-lower or all-upper case is accepted as is, mixed case must carry a
 * valid EIP-55 checksum (a typo in a hand-written address is then caught instead of funding a void).
 */
public record Address(String hex) implements Comparable<Address> {
    public Address {
        Objects.requireNonNull(hex, "hex");
        if (!hex.matches("0x[0-9a-f]{40}")) {
            throw new IllegalArgumentException("address must be 0x + 40 lower-case hex digits: " + hex);
        }
    }

    /** Parses {@code [0x]<40 hex digits>}, checking the EIP-55 checksum when the input is mixed case. */
    public static Address parse(String text) {
        Objects.requireNonNull(text, "address");
        String h = Hex.strip(text.strip());
        if (!h.matches("[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("not a 20-byte hex address: '" + text + "'");
        }
        String lower = h.toLowerCase(Locale.ROOT);
        boolean mixed = !h.equals(lower) && !h.equals(h.toUpperCase(Locale.ROOT));
        Address a = new Address("0x" + lower);
        if (mixed && !a.toChecksumString().substring(2).equals(h)) {
            throw new IllegalArgumentException("address '" + text + "' has an invalid EIP-55 checksum (expected "
                    + a.toChecksumString() + ")");
        }
        return a;
    }

    public static Address of(byte[] bytes) {
        if (bytes.length != 20) {
            throw new IllegalArgumentException("an address is 20 bytes, got " + bytes.length);
        }
        return new Address(Hex.encodePrefixed(bytes));
    }

    public byte[] bytes() {
        return Hex.decode(hex);
    }

    /** The 40 hex digits without {@code 0x} (the form Besu's genesis {@code alloc} examples use). */
    public String unprefixed() {
        return hex.substring(2);
    }

    /** EIP-55 mixed-case checksum form. */
    public String toChecksumString() {
        String lower = unprefixed();
        byte[] hash = Keccak.keccak256(lower.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        StringBuilder sb = new StringBuilder("0x");
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0x0f;
            sb.append(Character.isLetter(c) && nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return sb.toString();
    }

    @Override
    public int compareTo(Address o) {
        return hex.compareTo(o.hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
