package io.orca.app;

import io.orca.model.Secret;
import io.orca.secrets.AgeKeys;
import io.orca.secrets.LocalAgeKeys;
import io.orca.secrets.SecretsException;
import io.orca.secrets.SecretsTree;

import java.nio.file.Path;
import java.util.List;

/** The secrets use cases ({@code orca secrets keygen|check|rotate}): age keys and the SOPS files of a tree. */
public final class SecretsService {
    private SecretsService() {
    }

    /** A use case stopped with a message safe to print (an unreadable key file, an invalid recipient). */
    public static final class SecretsFailure extends RuntimeException {
        SecretsFailure(String message) {
            super(message, null, false, false);
        }
    }

    public record Key(Path file, String recipient, boolean created) {
    }

    /** One SOPS file's result: {@code status} is the check's status or "rotated"/"FAILED". */
    public record FileResult(Path file, String status, boolean ok, String detail) {
    }

    public record Report(List<FileResult> files) {
        public boolean ok() {
            return files.stream().allMatch(FileResult::ok);
        }

        public long failures() {
            return files.stream().filter(f -> !f.ok()).count();
        }
    }

    /** The organization's age key under {@code orcaDir/age/}, created if missing. */
    public static Key keygen(Path orcaDir, String organization) {
        try {
            LocalAgeKeys.LocalKey key = LocalAgeKeys.loadOrCreate(orcaDir, organization);
            return new Key(key.file(), key.keyPair().recipient(), key.created());
        } catch (SecretsException e) {
            throw new SecretsFailure(e.getMessage());
        }
    }

    public static Report check(Path dir, Path identityFile) {
        SecretsTree.CheckReport r = SecretsTree.check(dir, identities(identityFile));
        return new Report(r.files().stream().map(f -> new FileResult(f.file(), String.valueOf(f.status()),
                f.ok(), f.detail())).toList());
    }

    public static Report rotate(Path dir, Path identityFile, List<String> recipients) {
        for (String r : recipients) {
            if (!AgeKeys.isValidRecipient(r)) throw new SecretsFailure("'" + r + "' is not an age recipient (age1...)");
        }
        SecretsTree.RotateReport r = SecretsTree.rotate(dir, identities(identityFile), recipients);
        return new Report(r.files().stream().map(f -> new FileResult(f.file(), f.rotated() ? "rotated" : "FAILED",
                f.rotated(), f.detail())).toList());
    }

    private static List<Secret> identities(Path file) {
        try {
            return AgeKeys.readIdentities(file);
        } catch (SecretsException e) {
            throw new SecretsFailure(e.getMessage());
        }
    }
}
