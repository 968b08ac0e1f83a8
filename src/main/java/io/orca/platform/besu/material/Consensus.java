package io.orca.platform.besu.material;

import java.util.Locale;

/** Besu consensus protocols that Orca can write a genesis for. */
public enum Consensus {
    QBFT("qbft"),
    IBFT2("ibft2"),
    CLIQUE("clique");

    private final String genesisKey;

    Consensus(String genesisKey) {
        this.genesisKey = genesisKey;
    }

    /** The key of this protocol's section under the genesis {@code config}. */
    public String genesisKey() {
        return genesisKey;
    }

    public boolean isBft() {
        return this != CLIQUE;
    }

    /**
     * Parses Bevel's {@code network.config.consensus}: {@code qbft}, {@code ibft2}, {@code ibft}
     * (Bevel's alias for IBFT 2.0) or {@code clique}, case-insensitive.
     */
    public static Consensus parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "qbft" -> QBFT;
            case "ibft2", "ibft" -> IBFT2;
            case "clique" -> CLIQUE;
            default -> throw new IllegalArgumentException(
                    "unsupported Besu consensus '" + text + "' (expected qbft, ibft2, ibft or clique)");
        };
    }
}
