package io.orca.model;

import java.util.regex.Pattern;

/** How Orca derives Kubernetes and Helm names from network.yaml names. Validation and planning share it. */
public final class Names {
    /** Helm stores a release in a Secret named sh.helm.release.v1.NAME.vN; Helm caps release names at 53. */
    public static final int MAX_RELEASE_NAME = 53;
    public static final int MAX_LABEL = 63;
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private Names() {
    }

    public static boolean isDnsLabel(String s) {
        return s != null && s.length() <= MAX_LABEL && DNS_LABEL.matcher(s).matches();
    }

    /** A DNS label a user probably meant (lower case, invalid characters replaced), for hints. */
    public static String toDnsLabel(String s) {
        String l = s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
        // Trim '-' by hand: the regex "^-+|-+$" backtracks quadratically over a long run of '-' inside the name.
        int from = 0;
        int to = l.length();
        while (from < to && l.charAt(from) == '-') from++;
        while (to > from && l.charAt(to - 1) == '-') to--;
        l = l.substring(from, to);
        return l.isEmpty() ? "name" : l;
    }

    /** An organization's namespace: its name and its platform's {@code namespace_suffix} (platforms/&lt;name&gt;/platform.yaml). */
    public static String namespace(String platform, String organization) {
        return organization + Platforms.namespaceSuffix(platform);
    }

    /** The Helm release (and HelmRelease object) name of an organization's component. */
    public static String release(String organization, String component) {
        return organization + "-" + component;
    }

    /** Flux's namespace for an environment: Bevel's flux-&lt;env.type&gt;. */
    public static String fluxNamespace(String envType) {
        return "flux-" + envType;
    }
}
