package io.orca.secrets;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an organization's Flux Kustomization needs to decrypt Orca's Secrets: the {@code spec.decryption}
 * block naming the age key Secret, and the one command an operator runs to create that Secret.
 */
public final class FluxDecryption {
    /** The name of the Secret holding the age identity, in the Kustomization's namespace. */
    public static final String DEFAULT_SECRET_NAME = "sops-age";
    /** The key inside it; kustomize-controller reads entries ending in {@code .agekey}. */
    public static final String KEY_FILE_ENTRY = "age.agekey";

    private FluxDecryption() {}

    /** {@code {provider: sops, secretRef: {name: <secretName>}}} for {@code Kustomization.spec.decryption}. */
    public static Map<String, Object> decryptionSpec(String secretName) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("name", secretName);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("provider", "sops");
        d.put("secretRef", ref);
        return d;
    }

    public static Map<String, Object> decryptionSpec() {
        return decryptionSpec(DEFAULT_SECRET_NAME);
    }

    /** {@code kubectl -n <namespace> create secret generic sops-age --from-file=age.agekey=<keyFile>}. */
    public static String createSecretCommand(String namespace, String keyFile) {
        return "kubectl -n " + namespace + " create secret generic " + DEFAULT_SECRET_NAME
                + " --from-file=" + KEY_FILE_ENTRY + "=" + keyFile;
    }
}
