package io.orca.platform.tessera;

import io.orca.model.Names;
import io.orca.validate.NetworkView;

/**
 * Tessera, the transaction manager Besu and GoQuorum share: a member node ({@code peers}) of a network whose
 * {@code config.transaction_manager} is {@code tessera} gets a Tessera release named after it.
 */
public final class Tessera {
    public static final String RELEASE_SUFFIX = "-tessera";

    private Tessera() {
    }

    /** Whether the network deploys Tessera (network.config.transaction_manager). */
    public static boolean enabled(NetworkView view) {
        return view.network().flatMap(n -> n.map("config")).flatMap(c -> c.text("transaction_manager"))
                .filter("tessera"::equals).isPresent();
    }

    /** The Tessera release of a member node, else the node's own release: the longest name derived from the service. */
    public static String longestReleaseName(NetworkView view, String organization, NetworkView.ServiceNode service,
                                            String serviceName) {
        String release = Names.release(organization, serviceName);
        return enabled(view) && service.group().equals("peers") ? release + RELEASE_SUFFIX : release;
    }

    public static final String RELEASE_NAME_HINT =
            "release names are <organization>-<service>, and <organization>-<service>-tessera for a member's Tessera";
}
