package io.orca.secrets;

import java.security.SecureRandom;

import io.orca.model.Secret;

/**
 * Random private material for Secrets Orca generates (passwords, tokens). Generate only when
 * {@link SecretFile#existing} finds no previous file, so the value stays stable across runs.
 */
public final class GeneratedSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private GeneratedSecrets() {}

    /** A random alphanumeric password; 32 characters carry about 190 bits. */
    public static Secret password(int length) {
        if (length < 16) {
            throw new IllegalArgumentException("a generated password needs at least 16 characters");
        }
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return Secret.of(sb.toString());
    }

    /** {@link #password(int)} with 32 characters. */
    public static Secret password() {
        return password(32);
    }
}
