package io.orca.publish;

import java.util.Objects;

/**
 * What the commit message tells: the network's name, the source file (its name, may be null) and its sha256.
 */
public record CommitContext(String networkName, String sourceFile, String sourceSha256) {
    public CommitContext {
        Objects.requireNonNull(networkName, "networkName");
        Objects.requireNonNull(sourceSha256, "sourceSha256");
    }

    public CommitContext(String networkName, String sourceSha256) {
        this(networkName, null, sourceSha256);
    }
}
