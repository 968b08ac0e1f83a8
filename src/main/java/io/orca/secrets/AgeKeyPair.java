package io.orca.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
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

    /**
     * Writes {@link #toKeyFile} to a new file with mode 600 (where POSIX permissions exist); never overwrites.
     *
     * @throws SecretsException when the file exists or cannot be written
     */
    public void writeKeyFile(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            boolean posix = parent.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, toKeyFile(Instant.now()), StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            if (posix) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (FileAlreadyExistsException e) {
            throw new SecretsException("refusing to overwrite the existing key file " + file, e);
        } catch (IOException e) {
            throw new SecretsException("cannot write key file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "AgeKeyPair[recipient=" + recipient + ", identity=***]";
    }
}
