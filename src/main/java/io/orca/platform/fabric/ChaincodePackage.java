package io.orca.platform.fabric;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A chaincode-as-a-service package, as {@code peer lifecycle chaincode package --lang ccaas} would make it but
 * deterministic: a gzipped tar holding {@code metadata.json} (type ccaas, label) and {@code code.tar.gz}, which holds
 * {@code connection.json} (the chaincode server's address). Entries have fixed modes, owners and times, and gzip
 * stores without compressing, so the bytes (and the package ID, label:sha256) never depend on the zlib at hand.
 */
record ChaincodePackage(String label, byte[] bytes) {
    static ChaincodePackage ccaas(String label, String address) {
        String connection = "{\"address\":\"" + address + "\",\"dial_timeout\":\"10s\",\"tls_required\":false}";
        Map<String, byte[]> code = new LinkedHashMap<>();
        code.put("connection.json", connection.getBytes(StandardCharsets.UTF_8));
        Map<String, byte[]> outer = new LinkedHashMap<>();
        outer.put("metadata.json", ("{\"type\":\"ccaas\",\"label\":\"" + label + "\"}").getBytes(StandardCharsets.UTF_8));
        outer.put("code.tar.gz", tarGz(code));
        return new ChaincodePackage(label, tarGz(outer));
    }

    /** The package ID the peer reports after installing it: {@code <label>:<sha256 of the package>}. */
    String packageId() {
        try {
            return label + ":" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] tarGz(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.NO_COMPRESSION);
            }
        }) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) entry(gz, f.getKey(), f.getValue());
            gz.write(new byte[1024]); // two zero blocks end the archive
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One ustar entry: a 512-byte header and the content padded to 512 bytes. */
    private static void entry(OutputStream out, String name, byte[] content) throws IOException {
        byte[] h = new byte[512];
        put(h, 0, name, 100);
        put(h, 100, "0000644", 8);
        put(h, 108, "0000000", 8);
        put(h, 116, "0000000", 8);
        put(h, 124, String.format("%011o", content.length), 12);
        put(h, 136, "00000000000", 12);
        for (int i = 148; i < 156; i++) h[i] = ' ';
        h[156] = '0';
        put(h, 257, "ustar", 6);
        put(h, 263, "00", 2);
        long sum = 0;
        for (byte b : h) sum += b & 0xff;
        put(h, 148, String.format("%06o", sum), 6);
        h[154] = 0;
        h[155] = ' ';
        out.write(h);
        out.write(content);
        int pad = (512 - content.length % 512) % 512;
        out.write(new byte[pad]);
    }

    private static void put(byte[] h, int at, String s, int max) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, Math.min(b.length, max));
    }
}
