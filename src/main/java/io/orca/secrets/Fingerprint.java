package io.orca.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.bouncycastle.crypto.generators.SCrypt;

/**
 * A salted, deliberately slow fingerprint of a Secret's plaintext, kept in Git beside the encrypted file so
 * that Orca can tell "unchanged" without the age private key (docs/decisions/secrets-libraries.md).
 *
 * <p>Value: scrypt (BouncyCastle) over a canonical, type-tagged encoding of the parsed YAML document (so
 * formatting, quoting and sops' own re-serialization do not matter, while every key, value and type does),
 * with a random 16-byte salt. Text form: {@code scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>}; the
 * parameters travel with the value so they can be raised later without breaking old files.
 */
public final class Fingerprint {
    /** scrypt cost: N=2^15, r=8, p=1 (32 MiB, ~0.1 s per Secret); raise here, old files keep theirs. */
    public static final int DEFAULT_N = 1 << 15;
    public static final int DEFAULT_R = 8;
    public static final int DEFAULT_P = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final String DOMAIN = "orca-secret-fingerprint-v1\n";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int n;
    private final int r;
    private final int p;
    private final byte[] salt;
    private final byte[] hash;

    private Fingerprint(int n, int r, int p, byte[] salt, byte[] hash) {
        this.n = n;
        this.r = r;
        this.p = p;
        this.salt = salt.clone();
        this.hash = hash.clone();
    }

    /**
     * scrypt cost for material Orca generated itself (node keys: 256 random bits). A slow hash protects
     * guessable values such as passwords; nobody brute-forces 2^256, so these need no work factor and a
     * publish of a thousand node keys stays fast. scrypt's smallest cost (N=2: a salted hash, ~10 µs) since
     * decision 0026: N=1024 cost ~2.5 ms per Secret and was most of a 200-organization publish's CPU; files
     * written with 1024 keep it (the parameters travel with the value).
     */
    public static final int GENERATED_MATERIAL_N = 2;

    /** A new fingerprint of a plaintext Secret YAML, with a fresh random salt. */
    public static Fingerprint compute(String plaintextYaml) {
        return compute(plaintextYaml, DEFAULT_N);
    }

    /** A new fingerprint with scrypt cost {@code n} (a power of two), with a fresh random salt. */
    public static Fingerprint compute(String plaintextYaml, int n) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return compute(plaintextYaml, n, DEFAULT_R, DEFAULT_P, salt);
    }

    static Fingerprint compute(String plaintextYaml, int n, int r, int p, byte[] salt) {
        byte[] canonical = canonical(plaintextYaml);
        try {
            return new Fingerprint(n, r, p, salt, SCrypt.generate(canonical, salt, n, r, p, HASH_BYTES));
        } finally {
            java.util.Arrays.fill(canonical, (byte) 0);
        }
    }

    /** True when the plaintext is the one this fingerprint was made from (same salt and cost, constant-time compare). */
    public boolean matches(String plaintextYaml) {
        return MessageDigest.isEqual(hash, compute(plaintextYaml, n, r, p, salt).hash);
    }

    /** Parses the text form written by {@link #toString()}. */
    public static Fingerprint parse(String text) {
        String[] parts = Objects.requireNonNull(text, "text").strip().split("\\$");
        if (parts.length != 6 || !parts[0].equals("scrypt")) {
            throw new SecretsException("not an Orca fingerprint (expected scrypt$N$r$p$salt$hash)");
        }
        try {
            int n = Integer.parseInt(parts[1]);
            int r = Integer.parseInt(parts[2]);
            int p = Integer.parseInt(parts[3]);
            if (n < 2 || (n & (n - 1)) != 0 || n > (1 << 22) || r < 1 || r > 64 || p < 1 || p > 16) {
                throw new SecretsException("fingerprint has out-of-range scrypt parameters");
            }
            return new Fingerprint(n, r, p, Base64.getDecoder().decode(parts[4]), Base64.getDecoder().decode(parts[5]));
        } catch (IllegalArgumentException e) {
            throw new SecretsException("malformed fingerprint", e);
        }
    }

    @Override
    public String toString() {
        Base64.Encoder b = Base64.getEncoder();
        return "scrypt$" + n + "$" + r + "$" + p + "$" + b.encodeToString(salt) + "$" + b.encodeToString(hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && f.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** The canonical encoding: type-tagged, length-prefixed, in document order. */
    static byte[] canonical(String plaintextYaml) {
        StringBuilder sb = new StringBuilder(DOMAIN);
        write(SopsYaml.parse(plaintextYaml), sb);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Object v, StringBuilder sb) {
        if (v instanceof Map<?, ?> m) {
            sb.append("{").append(m.size()).append(':');
            for (Map.Entry<?, ?> e : m.entrySet()) {
                str(String.valueOf(e.getKey()), sb);
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[').append(l.size()).append(':');
            for (Object o : l) {
                write(o, sb);
            }
            sb.append(']');
        } else if (v == null) {
            sb.append('n');
        } else if (v instanceof String s) {
            str(s, sb);
        } else {
            String tag = v instanceof Long ? "i" : v instanceof Double ? "f" : v instanceof Boolean ? "b" : "t";
            sb.append(tag);
            str(SopsYaml.macText(v), sb);
        }
    }

    private static void str(String s, StringBuilder sb) {
        sb.append('s').append(s.getBytes(StandardCharsets.UTF_8).length).append(':').append(s);
    }
}
