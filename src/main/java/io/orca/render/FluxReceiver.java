package io.orca.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.orca.render.Manifests.list;
import static io.orca.render.Manifests.map;

/**
 * The webhook Receiver {@code orca bootstrap} puts beside each organization's sync objects (notification-controller's
 * {@code Receiver}, type generic), so that {@code orca publish} asks Flux to fetch the repository at once instead of
 * at the next interval. Its token stays in the cluster (a Secret) and on the operator's machine; the hook's path is
 * the digest notification-controller derives from it ({@link #webhookPath}), so the token itself never travels.
 */
public final class FluxReceiver {
    public static final String API = "notification.toolkit.fluxcd.io/v1";
    /** The Receiver's and its token Secret's name, in the Flux namespace. */
    public static final String NAME = "orca";
    public static final String TOKEN_SECRET = "orca-receiver-token";

    private FluxReceiver() {
    }

    /** The Receiver, triggering the sync GitRepository (named as the Flux namespace, see {@link FluxRenderer}). */
    public static Map<String, Object> receiver(String fluxNamespace, String organization) {
        return map("apiVersion", API, "kind", "Receiver",
                "metadata", map("name", NAME, "namespace", fluxNamespace, "labels", labels(organization)),
                "spec", map("type", "generic",
                        "resources", list(map("apiVersion", FluxRenderer.SOURCE_API, "kind", "GitRepository", "name", fluxNamespace)),
                        "secretRef", map("name", TOKEN_SECRET)));
    }

    /** The token Secret (stringData: the token in plain text — for the API server only, never for a file or a log). */
    public static Map<String, Object> tokenSecret(String fluxNamespace, String organization, String token) {
        return map("apiVersion", "v1", "kind", "Secret",
                "metadata", map("name", TOKEN_SECRET, "namespace", fluxNamespace, "labels", labels(organization)),
                "type", "Opaque", "stringData", map("token", token));
    }

    /** {@code /hook/<sha256(token + name + namespace)>}, as notification-controller's Receiver.GetWebhookPath. */
    public static String webhookPath(String token, String fluxNamespace) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((token + NAME + fluxNamespace).getBytes(StandardCharsets.UTF_8));
            return "/hook/" + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> labels(String organization) {
        return map(FluxInstall.MANAGED_BY_LABEL, "orca", "orca.dev/organization", organization);
    }

}
