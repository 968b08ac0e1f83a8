package io.orca.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One encrypted Secret file in a GitOps repository and its {@link SecretMeta} side file: writes new or
 * changed Secrets sops-encrypted, and leaves unchanged ones byte-for-byte as they are (no churn in Git).
 */
public final class SecretFile {
    private SecretFile() {}

    /** Why {@link #reuseOrEncrypt} did what it did. */
    public enum Reason {
        /** Same plaintext (fingerprint matches) and same recipients: the existing bytes are kept. */
        UNCHANGED,
        /** No existing encrypted file (or no side file with a fingerprint). */
        NEW,
        /** The plaintext differs from the fingerprinted one. */
        PLAINTEXT_CHANGED,
        /** The recipients differ from the existing file's. */
        RECIPIENTS_CHANGED,
        /** The existing file is not a readable sops file written with Orca's rule. */
        EXISTING_UNREADABLE
    }

    /**
     * What to write: {@code encrypted} (the existing bytes when {@link #reused()}) and its side file
     * {@code meta}. {@code metaChanged} tells whether the side file's text differs from the existing one's
     * (e.g. new public parts on an unchanged Secret).
     */
    public record Result(byte[] encrypted, SecretMeta meta, boolean reused, boolean metaChanged, Reason reason) {
        public String encryptedText() {
            return new String(encrypted, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "SecretFile.Result[reused=" + reused + ", metaChanged=" + metaChanged + ", reason=" + reason + "]";
        }
    }

    /**
     * Keeps {@code existingEncrypted} when the new plaintext matches the existing fingerprint and the recipients
     * are the same set; otherwise encrypts the new plaintext to {@code recipients} with a fresh data key and a
     * fresh fingerprint salt. Needs no private key.
     *
     * @param existingEncrypted the bytes of the encrypted file already in the repository, or null
     * @param existingMeta      its side file, or null
     * @param plaintextYaml     the Secret manifest Orca renders now (one YAML document)
     * @param recipients        the organization's age recipients ({@link SecretsPolicy}); must not be empty
     * @param publicParts       public values to keep beside the file (may be empty)
     */
    public static Result reuseOrEncrypt(byte[] existingEncrypted, SecretMeta existingMeta, String plaintextYaml,
                                        Collection<String> recipients, Map<String, String> publicParts) {
        return reuseOrEncrypt(existingEncrypted, existingMeta, plaintextYaml, recipients, publicParts, Fingerprint.DEFAULT_N);
    }

    /** As above, with the scrypt cost of a new fingerprint ({@link Fingerprint#GENERATED_MATERIAL_N} for generated keys). */
    public static Result reuseOrEncrypt(byte[] existingEncrypted, SecretMeta existingMeta, String plaintextYaml,
                                        Collection<String> recipients, Map<String, String> publicParts, int fingerprintCost) {
        Objects.requireNonNull(plaintextYaml, "plaintextYaml");
        List<String> rs = AgeKeys.requireRecipients(recipients);
        if (rs.isEmpty()) {
            throw new SecretsException("no age recipient: refusing to write a Secret unencrypted");
        }
        Map<String, String> pub = publicParts == null ? Map.of() : publicParts;
        Reason reason = decide(existingEncrypted, existingMeta, plaintextYaml, rs);
        if (reason == Reason.UNCHANGED) {
            SecretMeta meta = SecretMeta.of(existingMeta.fingerprint(), pub);
            boolean metaChanged = !meta.toText().equals(existingMeta.toText());
            return new Result(existingEncrypted.clone(), meta, true, metaChanged, reason);
        }
        String encrypted = Sops.encrypt(plaintextYaml, rs);
        SecretMeta meta = SecretMeta.of(Fingerprint.compute(plaintextYaml, fingerprintCost), pub);
        return new Result(encrypted.getBytes(StandardCharsets.UTF_8), meta, false, true, reason);
    }

    /** {@link #reuseOrEncrypt(byte[], SecretMeta, String, Collection, Map)} without public parts. */
    public static Result reuseOrEncrypt(byte[] existingEncrypted, SecretMeta existingMeta, String plaintextYaml,
                                        Collection<String> recipients) {
        return reuseOrEncrypt(existingEncrypted, existingMeta, plaintextYaml, recipients,
                existingMeta == null ? Map.of() : existingMeta.publicParts());
    }

    private static Reason decide(byte[] existing, SecretMeta meta, String plaintext, List<String> recipients) {
        if (existing == null || meta == null) {
            return Reason.NEW;
        }
        String text = new String(existing, StandardCharsets.UTF_8);
        List<String> old;
        try {
            if (!Sops.usesOrcaRule(text)) {
                return Reason.EXISTING_UNREADABLE;
            }
            old = Sops.recipients(text);
        } catch (SecretsException e) {
            return Reason.EXISTING_UNREADABLE;
        }
        if (!new HashSet<>(old).equals(new HashSet<>(recipients)) || old.size() != recipients.size()) {
            return Reason.RECIPIENTS_CHANGED;
        }
        return meta.fingerprint().matches(plaintext) ? Reason.UNCHANGED : Reason.PLAINTEXT_CHANGED;
    }

    /** What {@link #write} did to the two files. */
    public record Written(Path file, Path metaFile, boolean fileChanged, boolean metaChanged, Reason reason) {}

    /**
     * Writes {@code encryptedFile} (sops-encrypted) and its side file, touching neither when nothing changed.
     * Reads the existing files first; needs no private key.
     */
    public static Written write(Path encryptedFile, String plaintextYaml, Collection<String> recipients,
                                Map<String, String> publicParts) {
        Path metaFile = SecretMeta.pathFor(encryptedFile);
        byte[] existing = null;
        SecretMeta existingMeta = null;
        try {
            if (Files.isRegularFile(encryptedFile)) {
                existing = Files.readAllBytes(encryptedFile);
            }
            existingMeta = SecretMeta.read(metaFile);
        } catch (IOException e) {
            throw new SecretsException("cannot read " + encryptedFile + ": " + e.getMessage(), e);
        } catch (SecretsException e) {
            existingMeta = null; // an unreadable side file: re-encrypt and rewrite both
        }
        Result r = reuseOrEncrypt(existing, existingMeta, plaintextYaml, recipients, publicParts);
        boolean fileChanged = existing == null || !Arrays.equals(existing, r.encrypted());
        if (fileChanged) {
            writeAtomically(encryptedFile, r.encrypted());
        }
        byte[] metaBytes = r.meta().toText().getBytes(StandardCharsets.UTF_8);
        boolean metaChanged;
        try {
            metaChanged = !Files.isRegularFile(metaFile) || !Arrays.equals(Files.readAllBytes(metaFile), metaBytes);
        } catch (IOException e) {
            metaChanged = true;
        }
        if (metaChanged) {
            writeAtomically(metaFile, metaBytes);
        }
        return new Written(encryptedFile, metaFile, fileChanged, metaChanged, r.reason());
    }

    /** The side file of an existing encrypted Secret (for generated material: reuse its public parts), or null. */
    public static SecretMeta existing(Path encryptedFile) {
        if (!Files.isRegularFile(encryptedFile)) {
            return null;
        }
        try {
            return SecretMeta.read(SecretMeta.pathFor(encryptedFile));
        } catch (SecretsException e) {
            return null;
        }
    }

    static void writeAtomically(Path file, byte[] bytes) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new SecretsException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
