package io.orca.diag;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** An input file as read: its display name, its bytes' sha256 and (when it decoded) its text, for source excerpts. */
public final class SourceFile {
    private final String name;
    private final String text;
    private final byte[] bytes;
    private String sha256;
    private String[] lines;

    public SourceFile(String name, byte[] bytes, String text) {
        this.name = name;
        this.text = text;
        this.bytes = bytes;
    }

    /** A file that could not be read: no bytes, no text, no sha256. */
    public static SourceFile unread(String name) {
        return new SourceFile(name, null, null);
    }

    public static SourceFile ofText(String name, String text) {
        return new SourceFile(name, text.getBytes(StandardCharsets.UTF_8), text);
    }

    public String name() {
        return name;
    }

    /** The decoded text, or null when the file is not UTF-8 text. */
    public String text() {
        return text;
    }

    /**
     * Computed when first asked for: validation alone never needs it, and a cold digest costs ~30 ms. Null for a file
     * that could not be read.
     */
    public synchronized String sha256() {
        if (sha256 == null && bytes != null) sha256 = sha256(bytes);
        return sha256;
    }

    /** The 1-based line, without its line break, or "" when out of range or undecodable. */
    public String line(int line) {
        if (text == null) return "";
        // YAML's line breaks, as SnakeYAML counts lines for positions: CRLF, CR, LF, NEL, LS, PS.
        if (lines == null) lines = text.split("\r\n|[\r\n\u0085\u2028\u2029]", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1] : "";
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
