package io.orca.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import javax.crypto.spec.SecretKeySpec;

import com.exceptionfactory.jagged.x25519.X25519KeyFactory;
import com.exceptionfactory.jagged.x25519.X25519KeyPairGenerator;

import io.orca.model.Secret;

/**
 * An age X25519 key pair: the identity ({@code AGE-SECRET-KEY-1...}, private, held by the organization's
 * cluster) and its recipient ({@code age1...}, public, written in network.yaml). Key generation and the
 * identity-to-recipient derivation are jagged's; nothing here is hand-rolled.
 */
public record AgeKeyPair(Secret identity, String recipient) {

    public AgeKeyPair {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(recipient, "recipient");
    }

    /** A fresh key pair (what {@code age-keygen} does). */
    public static AgeKeyPair generate() {
        try {
            KeyPair kp = new X25519KeyPairGenerator().generateKeyPair();
            return new AgeKeyPair(Secret.of(kp.getPrivate().toString()), kp.getPublic().toString());
        } catch (GeneralSecurityException e) {
            throw new SecretsException("cannot generate an age key pair: " + e.getMessage(), e);
        }
    }

    /** The key pair of an existing identity {@code AGE-SECRET-KEY-1...}. */
    public static AgeKeyPair fromIdentity(Secret identity) {
        String id = identity.reveal().strip();
        if (!id.startsWith("AGE-SECRET-KEY-1")) {
            throw new SecretsException("not an age X25519 identity (expected AGE-SECRET-KEY-1...)");
        }
        try {
            KeyFactory kf = new X25519KeyFactory();
            Object pub = kf.translateKey(new SecretKeySpec(id.getBytes(StandardCharsets.US_ASCII), "X25519"));
            return new AgeKeyPair(Secret.of(id), pub.toString());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SecretsException("invalid age identity: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The key file in age-keygen's format (also what {@code SOPS_AGE_KEY_FILE} and the {@code age.agekey}
     * entry of Flux's decryption Secret accept).
     */
    public String toKeyFile(Instant created) {
        return "# created: " + created.truncatedTo(ChronoUnit.SECONDS) + "\n"
                + "# public key: " + recipient + "\n"
                + identity.reveal() + "\n";
    }

    @Override
    public String toString() {
        return "AgeKeyPair[recipient=" + recipient + ", identity=***]";
    }
}
