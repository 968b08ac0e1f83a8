package io.orca.platform.besu;

import io.orca.platform.tessera.TesseraPlatformRules;

/** Besu's part in validation: what it shares with every platform that runs Tessera. */
public final class BesuRules extends TesseraPlatformRules {
    public BesuRules() {
        super("besu");
    }
}
