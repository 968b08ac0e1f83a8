package io.orca.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.Objects;

/**
 * What the commit message tells: the network's name, the source file (its name, may be null) and its sha256; and
 * what identifies the network's files in a repository (see {@link Ownership}): its name and its organizations
 * (every organization of the network, not only those of this repository; empty: the directories' organizations).
 */
public record CommitContext(String networkName, String sourceFile, String sourceSha256, SortedSet<String> organizations) {
    public CommitContext {
        Objects.requireNonNull(networkName, "networkName");
        Objects.requireNonNull(sourceSha256, "sourceSha256");
        organizations = Collections.unmodifiableSortedSet(new TreeSet<>(organizations == null ? Set.of() : organizations));
    }

    public CommitContext(String networkName, String sourceFile, String sourceSha256) {
        this(networkName, sourceFile, sourceSha256, null);
    }

    public CommitContext(String networkName, String sourceSha256) {
        this(networkName, null, sourceSha256, null);
    }

    /** The context for {@code networkFile}: its file name and the sha256 of its bytes. */
    public static CommitContext of(String networkName, Path networkFile) throws IOException {
        return new CommitContext(networkName, networkFile.getFileName().toString(), sha256(Files.readAllBytes(networkFile)));
    }

    /** Lower-case hex sha256. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
