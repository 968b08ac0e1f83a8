package io.orca.model;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which network.yaml keys hold secrets, so that no message, excerpt or output ever shows their values. */
public final class SecretKeys {
    private static final Set<String> KEYS = Set.of("password", "root_token", "secret_key", "access_key", "private_key",
            "passphrase", "geth_passphrase", "token", "client_secret", "keystore_password", "truststore_password",
            "admin_password", "secret", "api_key", "auth_token");
    private static final Pattern LINE = Pattern.compile("^(\\s*(?:-\\s+)?)([A-Za-z_][A-Za-z0-9_-]*)(\\s*:\\s*)(\\S.*)$");

    private SecretKeys() {
    }

    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return KEYS.contains(k) || k.endsWith("_password") || k.endsWith("_token") || k.endsWith("_secret");
    }

    /** Whether the value at a dotted path (e.g. network.organizations[0].gitops.password) is a secret. */
    public static boolean isSecretPath(String path) {
        String last = path.replaceAll("\\[[^]]*]$", "");
        int dot = last.lastIndexOf('.');
        return isSecretKey(dot >= 0 ? last.substring(dot + 1) : last);
    }

    /** A source line with the value of a secret key replaced by ***, for excerpts in diagnostics. */
    public static String maskLine(String line) {
        Matcher m = LINE.matcher(line);
        if (m.matches() && isSecretKey(m.group(2))) return m.group(1) + m.group(2) + m.group(3) + "***";
        return line;
    }
}
