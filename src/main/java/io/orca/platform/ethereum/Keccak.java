package io.orca.platform.ethereum;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** Keccak-256 (the original Keccak padding used by Ethereum, not SHA3-256), from BouncyCastle. */
public final class Keccak {
    private Keccak() {
    }

    public static byte[] keccak256(byte[] input) {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }
}
