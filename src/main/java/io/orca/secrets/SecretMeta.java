package io.orca.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The public side file kept in Git beside an encrypted Secret ({@code <file>}{@value #SUFFIX}): the
 * plaintext's {@link Fingerprint} and the public parts of generated material (a node's public key, address,
 * enode...), so that Orca can tell "unchanged" and reuse public values without the age private key. It never
 * holds a secret value. The suffix is not {@code .yaml}, so Flux's generated kustomizations never apply it.
 */
public record SecretMeta(Fingerprint fingerprint, Map<String, String> publicParts) {
    /** Appended to the encrypted file's name. */
    public static final String SUFFIX = ".orca-meta";
    private static final int FORMAT = 1;

    public SecretMeta {
        Objects.requireNonNull(fingerprint, "fingerprint");
        publicParts = Collections.unmodifiableMap(new TreeMap<>(publicParts == null ? Map.of() : publicParts));
    }

    public static SecretMeta of(Fingerprint fingerprint, Map<String, String> publicParts) {
        return new SecretMeta(fingerprint, publicParts);
    }

    /** The side file of an encrypted file. */
    public static Path pathFor(Path encryptedFile) {
        return encryptedFile.resolveSibling(encryptedFile.getFileName() + SUFFIX);
    }

    /** The side file's text: YAML, keys sorted, stable across runs. */
    public String toText() {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("orcaSecretMeta", (long) FORMAT);
        m.put("fingerprint", fingerprint.toString());
        if (!publicParts.isEmpty()) {
            m.put("public", new LinkedHashMap<String, Object>(publicParts));
        }
        return "# Written by Orca: public parts and a salted scrypt fingerprint of the encrypted Secret beside it.\n"
                + "# No secret value is stored here (docs/secrets.md).\n"
                + SopsYaml.emit(m);
    }

    public static SecretMeta parse(String text) {
        Map<String, Object> m = SopsYaml.parse(text);
        if (!Long.valueOf(FORMAT).equals(m.get("orcaSecretMeta"))) {
            throw new SecretsException("not an Orca secret side file (orcaSecretMeta: " + FORMAT + " expected)");
        }
        if (!(m.get("fingerprint") instanceof String fp)) {
            throw new SecretsException("secret side file lacks a fingerprint");
        }
        Map<String, String> pub = new TreeMap<>();
        if (m.get("public") instanceof Map<?, ?> p) {
            p.forEach((k, v) -> pub.put(String.valueOf(k), String.valueOf(v)));
        }
        return new SecretMeta(Fingerprint.parse(fp), pub);
    }

    /** Reads a side file; null when it does not exist. */
    public static SecretMeta read(Path metaFile) {
        if (!Files.isRegularFile(metaFile)) {
            return null;
        }
        try {
            return parse(Files.readString(metaFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SecretsException("cannot read " + metaFile + ": " + e.getMessage(), e);
        }
    }

    public void write(Path metaFile) {
        SecretFile.writeAtomically(metaFile, toText().getBytes(StandardCharsets.UTF_8));
    }
}
