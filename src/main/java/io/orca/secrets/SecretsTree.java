package io.orca.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import io.orca.model.Secret;

/**
 * The library behind {@code orca secrets keygen | check | rotate}: operations over every sops-encrypted YAML
 * file in a directory tree (a checked-out GitOps repository). A file counts as encrypted when it is a YAML
 * mapping with a top-level {@code sops} block; a file named {@code *.sops.yaml} (or {@code .sops.yml}) is always
 * taken, and fails when it is not encrypted (issue 10, item 7); {@code .git} is skipped.
 */
public final class SecretsTree {
    private SecretsTree() {}

    static final String NOT_ENCRYPTED_DETAIL = "named as a SOPS file but not encrypted (no sops: block with a MAC):"
            + " it may hold a Secret in plaintext; encrypt it (sops --encrypt --in-place) or remove it, and if it was"
            + " ever pushed, rotate what it holds";

    /** {@code orca secrets keygen}: a new age key pair; print {@link AgeKeyPair#recipient()}, store the identity. */
    public static AgeKeyPair keygen() {
        return AgeKeyPair.generate();
    }

    public enum Status {
        /** Decrypts, the MAC verifies, and the plaintext matches the side file's fingerprint. */
        OK,
        /** Decrypts and the MAC verifies, but there is no side file (e.g. written by hand with sops). */
        NO_FINGERPRINT,
        /** Decrypts, but the plaintext does not match the side file's fingerprint. */
        FINGERPRINT_MISMATCH,
        /** None of the given identities is a recipient of the file. */
        NOT_A_RECIPIENT,
        /** The file is corrupt, was tampered with (MAC mismatch), or uses an unsupported sops feature. */
        INVALID,
        /** Named as a SOPS file ({@code *.sops.yaml}) but holds no {@code sops} block: plaintext. */
        NOT_ENCRYPTED
    }

    /** One file's verdict; {@code detail} never contains a secret value. */
    public record FileCheck(Path file, Status status, List<String> recipients, String detail) {
        public boolean ok() {
            return status == Status.OK;
        }
    }

    /** {@code ok()} when every file is {@link Status#OK}; {@code okAllowingMissingFingerprints()} tolerates side-file-less files. */
    public record CheckReport(List<FileCheck> files) {
        public boolean ok() {
            return files.stream().allMatch(FileCheck::ok);
        }

        public boolean okAllowingMissingFingerprints() {
            return files.stream().allMatch(f -> f.ok() || f.status() == Status.NO_FINGERPRINT);
        }

        public List<FileCheck> failures() {
            return files.stream().filter(f -> !f.ok()).toList();
        }
    }

    /**
     * {@code orca secrets check}: every encrypted file under {@code root} decrypts with one of {@code identities},
     * its MAC verifies, and its plaintext matches the fingerprint in its side file.
     */
    public static CheckReport check(Path root, Collection<Secret> identities) {
        List<FileCheck> out = new ArrayList<>();
        for (Path f : encryptedFiles(root)) {
            out.add(checkFile(f, identities));
        }
        return new CheckReport(List.copyOf(out));
    }

    /** {@link #check(Path, Collection)} with one identity. */
    public static CheckReport check(Path root, Secret identity) {
        return check(root, List.of(identity));
    }

    /** Checks one encrypted file (see {@link #check}). */
    public static FileCheck checkFile(Path file, Collection<Secret> identities) {
        String text;
        List<String> recipients = List.of();
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
            if (!Sops.isEncrypted(text)) {
                return new FileCheck(file, Status.NOT_ENCRYPTED, recipients, NOT_ENCRYPTED_DETAIL);
            }
            recipients = Sops.recipients(text);
        } catch (IOException | SecretsException e) {
            return new FileCheck(file, Status.INVALID, recipients, e.getMessage());
        }
        Sops.Decrypted d;
        try {
            d = Sops.decrypt(text, identities);
        } catch (Sops.NotARecipientException e) {
            return new FileCheck(file, Status.NOT_A_RECIPIENT, recipients, e.getMessage());
        } catch (SecretsException e) {
            return new FileCheck(file, Status.INVALID, recipients, e.getMessage());
        }
        SecretMeta meta;
        try {
            meta = SecretMeta.read(SecretMeta.pathFor(file));
        } catch (SecretsException e) {
            return new FileCheck(file, Status.FINGERPRINT_MISMATCH, recipients, "unreadable side file: " + e.getMessage());
        }
        if (meta == null) {
            return new FileCheck(file, Status.NO_FINGERPRINT, recipients,
                    "decrypts, MAC ok, but no " + SecretMeta.SUFFIX + " side file");
        }
        if (!meta.fingerprint().matches(d.plaintextYaml())) {
            return new FileCheck(file, Status.FINGERPRINT_MISMATCH, recipients,
                    "decrypts, MAC ok, but the plaintext does not match the fingerprint in the side file");
        }
        return new FileCheck(file, Status.OK, recipients, "decrypts, MAC ok, fingerprint matches");
    }

    public record FileRotation(Path file, boolean rotated, String detail) {}

    public record RotateReport(List<FileRotation> files) {
        public boolean ok() {
            return files.stream().allMatch(FileRotation::rotated);
        }
    }

    /**
     * {@code orca secrets rotate}: re-encrypts every encrypted file under {@code root} to {@code newRecipients}
     * with a fresh data key (decrypting with {@code identities}, MAC verified first). Side files stay valid (the
     * plaintext is unchanged). Each file is replaced atomically; a file that cannot be decrypted is left as it
     * was and reported.
     */
    public static RotateReport rotate(Path root, Collection<Secret> identities, Collection<String> newRecipients) {
        List<String> rs = AgeKeys.requireRecipients(newRecipients);
        if (rs.isEmpty()) {
            throw new SecretsException("refusing to rotate to an empty recipient list");
        }
        List<FileRotation> out = new ArrayList<>();
        for (Path f : encryptedFiles(root)) {
            try {
                if (!isEncryptedFile(f)) {
                    out.add(new FileRotation(f, false, NOT_ENCRYPTED_DETAIL));
                    continue;
                }
                String rotated = Sops.rotate(Files.readString(f, StandardCharsets.UTF_8), identities, rs);
                SecretFile.writeAtomically(f, rotated.getBytes(StandardCharsets.UTF_8));
                out.add(new FileRotation(f, true, "re-encrypted to " + rs.size() + " recipient(s)"));
            } catch (IOException | SecretsException e) {
                out.add(new FileRotation(f, false, e.getMessage()));
            }
        }
        return new RotateReport(List.copyOf(out));
    }

    /** {@link #rotate(Path, Collection, Collection)} with one identity. */
    public static RotateReport rotate(Path root, Secret identity, Collection<String> newRecipients) {
        return rotate(root, List.of(identity), newRecipients);
    }

    /** The sops-encrypted YAML files under {@code root}, sorted, skipping {@code .git}. */
    public static List<Path> encryptedFiles(Path root) {
        if (Files.isRegularFile(root)) {
            return isSopsName(root) || isEncryptedFile(root) ? List.of(root) : List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> {
                        for (Path part : root.relativize(p)) {
                            if (part.toString().equals(".git")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".yaml") || n.endsWith(".yml");
                    })
                    .filter(p -> isSopsName(p) || isEncryptedFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new SecretsException("cannot walk " + root + ": " + e.getMessage(), e);
        }
    }

    /** {@code *.sops.yaml} or {@code *.sops.yml}: a name that promises an encrypted file. */
    static boolean isSopsName(Path p) {
        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".sops.yaml") || n.endsWith(".sops.yml");
    }

    private static boolean isEncryptedFile(Path p) {
        try {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            return text.contains("sops:") && Sops.isEncrypted(text);
        } catch (IOException e) {
            return false;
        }
    }
}
