package io.orca.platform.fabric.crypto;

import java.time.Instant;

/**
 * The validity window of the certificates Orca issues. It is input (platforms/fabric/platform.yaml), never the clock,
 * so that the same keys and inputs give the same certificate bytes on every run.
 */
public record Validity(Instant notBefore, Instant notAfter) {
    public Validity {
        if (!notAfter.isAfter(notBefore)) throw new IllegalArgumentException("notAfter must be after notBefore");
    }
}
