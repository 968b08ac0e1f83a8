package io.orca.platform.tessera;

import io.orca.model.Names;
import io.orca.validate.NetworkView;

import java.util.Map;

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

    /** The Tessera image tag of a platform descriptor's {@code transaction_managers.tessera} for a tm_version. */
    @SuppressWarnings("unchecked")
    public static String imageTag(Map<String, Object> descriptor, String version) {
        Map<String, Object> tms = descriptor.get("transaction_managers") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Map<String, Object> tm = tms.get("tessera") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        String v = version == null || version.isEmpty() || version.equals("null") ? String.valueOf(tm.get("default_version")) : version;
        Map<String, Object> versions = tm.get("versions") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Map<String, Object> entry = versions.get(v) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        return String.valueOf(entry.getOrDefault("tag", v));
    }

    public static final String RELEASE_NAME_HINT =
            "release names are <organization>-<service>, and <organization>-<service>-tessera for a member's Tessera";
}
