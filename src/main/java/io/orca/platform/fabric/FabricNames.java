package io.orca.platform.fabric;

import java.util.Locale;

/** The Fabric names Orca derives from network.yaml, as Bevel derives them (so that Bevel's networks keep theirs). */
public final class FabricNames {
    private FabricNames() {
    }

    /** An organization's MSP ID: Bevel's {@code <org>MSP}. */
    public static String mspId(String organization) {
        return organization + "MSP";
    }

    /** The channel ID of a channel_name: Fabric and Bevel lower-case it. */
    public static String channelId(String channelName) {
        return channelName.toLowerCase(Locale.ROOT);
    }
}
