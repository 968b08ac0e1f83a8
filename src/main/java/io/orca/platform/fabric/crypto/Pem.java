package io.orca.platform.fabric.crypto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** PEM text as Fabric and OpenSSL write it: base64 in lines of 64 characters, LF line ends, a final newline. */
public final class Pem {
    public static final String CERTIFICATE = "CERTIFICATE";
    public static final String PRIVATE_KEY = "PRIVATE KEY";

    private Pem() {
    }

    public static String encode(String type, byte[] der) {
        String b64 = Base64.getEncoder().encodeToString(der);
        StringBuilder sb = new StringBuilder("-----BEGIN ").append(type).append("-----\n");
        for (int i = 0; i < b64.length(); i += 64) sb.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
        return sb.append("-----END ").append(type).append("-----\n").toString();
    }

    /** The DER bytes of the first block of {@code type}; IllegalArgumentException when there is none. */
    public static byte[] decode(String type, String pem) {
        List<byte[]> all = decodeAll(type, pem);
        if (all.isEmpty()) throw new IllegalArgumentException("no PEM block of type " + type);
        return all.get(0);
    }

    public static List<byte[]> decodeAll(String type, String pem) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        List<byte[]> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int b = pem.indexOf(begin, from);
            if (b < 0) return out;
            int e = pem.indexOf(end, b);
            if (e < 0) throw new IllegalArgumentException("unterminated PEM block of type " + type);
            String body = pem.substring(b + begin.length(), e).replaceAll("\\s+", "");
            out.add(Base64.getDecoder().decode(body.getBytes(StandardCharsets.US_ASCII)));
            from = e + end.length();
        }
    }
}
