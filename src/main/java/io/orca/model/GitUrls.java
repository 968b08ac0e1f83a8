package io.orca.model;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises the forms a GitOps repository URL takes and compares them. */
public final class GitUrls {
    private static final Pattern SCP = Pattern.compile("^(?:[A-Za-z0-9._-]+@)?([A-Za-z0-9.-]+):(?!//)(.+)$");

    private GitUrls() {
    }

    /** "https", "ssh" or "file" for a URL Orca can push to, or empty. http:// counts as https (a loopback server). */
    public static Optional<String> protocolOf(String url) {
        String u = url.trim();
        String l = u.toLowerCase(Locale.ROOT);
        if (l.startsWith("https://") || l.startsWith("http://")) return Optional.of("https");
        if (l.startsWith("ssh://")) return Optional.of("ssh");
        if (l.startsWith("file://") || u.startsWith("/") || u.startsWith("./") || u.startsWith("../")) return Optional.of("file");
        if (SCP.matcher(u).matches() && !u.contains("://")) return Optional.of("ssh");
        return Optional.empty();
    }

    /** The URL as it may be shown in a message: see {@link Redaction#url}. */
    public static String redact(String url) {
        return Redaction.url(url);
    }

    /** The URL as Flux's GitRepository takes it: scp-like {@code git@host:path} becomes {@code ssh://git@host/path}. */
    public static String toFluxUrl(String url) {
        String u = url.trim();
        Matcher scp = SCP.matcher(u);
        if (!u.contains("://") && scp.matches()) {
            int colon = u.indexOf(':');
            return "ssh://" + u.substring(0, colon) + "/" + u.substring(colon + 1);
        }
        return u;
    }

    /** host/path without scheme, user, port, trailing ".git" or "/": how Bevel's git_repo and git_url compare. */
    public static String canonical(String url) {
        String u = Redaction.withoutUserInfo(url.trim());
        if (!u.contains("://")) { // user:password@host/path (Bevel's git_repo): credentials name no repository
            int at = u.indexOf('@');
            int slash = u.indexOf('/');
            int colon = u.indexOf(':');
            if (at > 0 && (slash < 0 || at < slash) && colon >= 0 && colon < at) u = u.substring(at + 1);
        }
        Matcher scp = SCP.matcher(u);
        if (!u.contains("://") && scp.matches()) {
            u = scp.group(1) + "/" + scp.group(2);
        } else {
            int scheme = u.indexOf("://");
            if (scheme >= 0) u = u.substring(scheme + 3);
            int at = u.indexOf('@');
            int slash = u.indexOf('/');
            if (at >= 0 && (slash < 0 || at < slash)) u = u.substring(at + 1);
            slash = u.indexOf('/');
            String host = slash < 0 ? u : u.substring(0, slash);
            int colon = host.indexOf(':');
            if (colon >= 0) u = host.substring(0, colon) + (slash < 0 ? "" : u.substring(slash));
        }
        while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
        if (u.endsWith(".git")) u = u.substring(0, u.length() - 4);
        return u.toLowerCase(Locale.ROOT);
    }
}
