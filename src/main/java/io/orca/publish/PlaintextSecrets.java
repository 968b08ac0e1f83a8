package io.orca.publish;

import io.orca.secrets.Sops;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The last guard before a commit (issue 10, item 7): a file named as a SOPS file ({@code *.sops.yaml}) or holding a
 * Kubernetes Secret must be SOPS-encrypted (a {@code sops:} block with its MAC), or the publish fails. Orca's own
 * generation never writes such a file; this keeps a bug, or a future generator, from committing one in plaintext.
 */
final class PlaintextSecrets {
    private PlaintextSecrets() {
    }

    /** Why {@code path} must not be committed, or empty when it may. Never quotes the content. */
    static Optional<String> reason(String path, byte[] content) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        boolean sopsName = name.endsWith(".sops.yaml") || name.endsWith(".sops.yml");
        boolean yaml = sopsName || name.endsWith(".yaml") || name.endsWith(".yml");
        if (!yaml) return Optional.empty();
        String text = new String(content, StandardCharsets.UTF_8);
        if (!sopsName && !holdsSecret(text)) return Optional.empty();
        if (Sops.isEncrypted(text)) return Optional.empty();
        return Optional.of(path + (sopsName ? " is named as a SOPS file" : " holds a Kubernetes Secret")
                + " but is not SOPS-encrypted (no sops: block with a MAC)");
    }

    /** A line {@code kind: Secret} at the start of a line (a document's top level), found without a pattern. */
    private static boolean holdsSecret(String text) {
        for (int i = text.indexOf("kind:"); i >= 0; i = text.indexOf("kind:", i + 1)) {
            if (i > 0 && text.charAt(i - 1) != '\n') continue;
            int end = text.indexOf('\n', i);
            String value = text.substring(i + "kind:".length(), end < 0 ? text.length() : end).strip();
            if (value.equals("Secret") || value.equals("\"Secret\"") || value.equals("'Secret'")) return true;
        }
        return false;
    }
}
