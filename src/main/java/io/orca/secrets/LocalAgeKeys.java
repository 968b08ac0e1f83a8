package io.orca.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Local age keys for the embedded local default repository: {@code <orcaDir>/age/<org>.agekey}, in age-keygen's
 * format, created with mode 600 (directory 700) and reused afterwards.
 */
public final class LocalAgeKeys {
    private static final Pattern ORG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private LocalAgeKeys() {}

    /** A local key file and whether this call created it. */
    public record LocalKey(Path file, AgeKeyPair keyPair, boolean created) {}

    /** The key file path of an organization. */
    public static Path pathFor(Path orcaDir, String organization) {
        if (!ORG.matcher(organization).matches() || organization.contains("..")) {
            throw new SecretsException("organization name not usable as a file name: '" + organization + "'");
        }
        return orcaDir.resolve("age").resolve(organization + ".agekey");
    }

    /** The organization's local key if it exists; creates nothing (read-only commands). */
    public static java.util.Optional<LocalKey> find(Path orcaDir, String organization) {
        Path file = pathFor(orcaDir, organization);
        return Files.isRegularFile(file) ? java.util.Optional.of(new LocalKey(file, load(file), false)) : java.util.Optional.empty();
    }

    /** Loads the organization's local key, or generates and stores it (mode 600). */
    public static LocalKey loadOrCreate(Path orcaDir, String organization) {
        Path file = pathFor(orcaDir, organization);
        if (Files.exists(file)) {
            return new LocalKey(file, load(file), false);
        }
        AgeKeyPair kp = AgeKeyPair.generate();
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            if (supportsPosix(dir)) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new SecretsException("cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        try {
            kp.writeKeyFile(file);
            return new LocalKey(file, kp, true);
        } catch (SecretsException e) {
            if (Files.exists(file)) {
                return new LocalKey(file, load(file), false); // created concurrently
            }
            throw e;
        }
    }

    private static AgeKeyPair load(Path file) {
        List<io.orca.model.Secret> ids = AgeKeys.readIdentities(file);
        return AgeKeyPair.fromIdentity(ids.get(0));
    }

    private static boolean supportsPosix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

}
