package io.orca.model;

import java.util.regex.Pattern;

/**
 * The credential references network.yaml may hold instead of a secret value: {@code ${env:NAME}} (an environment
 * variable) and {@code ${file:PATH}} (a file). One definition for the resolver that reads them
 * ({@code io.orca.app.CredentialResolver}) and the rules that check them (ORCA-E030, ORCA-W005).
 */
public final class CredentialReference {
    /** One reference, nothing around it; group 1 is {@code env} or {@code file}, group 2 the name or path. */
    public static final Pattern PATTERN = Pattern.compile("\\$\\{(env|file):([^}\\s]+)}");
    /**
     * The largest credential Orca accepts, inline, from a variable or from a file: 64 KiB holds any password, token,
     * ssh key (an RSA-16384 PEM is ~13 KiB) or known_hosts list; a larger value is a mistake (the wrong file) and would
     * only make every Secret that carries it slower to seal.
     */
    public static final int MAX_BYTES = 64 * 1024;

    private CredentialReference() {
    }

    /** Whether the resolver takes this value as a reference (it ignores whitespace around it), not as the secret itself. */
    public static boolean isReference(String value) {
        return PATTERN.matcher(value.trim()).matches();
    }
}
