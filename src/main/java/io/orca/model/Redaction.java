package io.orca.model;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;

/**
 * The one place that keeps credentials written into URLs out of what Orca prints and writes. A URL's user part
 * ({@code scheme://user:password@host/...}) may carry a password, or a token written as the user
 * ({@code https://TOKEN@github.com/...}); only an ssh user without a password ({@code ssh://git@host/...},
 * {@code git@host:path}) is a plain name. Printers show such URLs redacted ({@link #url}, {@link #text}); generated
 * files carry them without credentials ({@link #withoutCredentials}): credentials go through Secrets.
 *
 * <p>Pure and linear in the text (no regular expression: this runs over messages of any length).
 */
public final class Redaction {
    public static final String MASK = "***";

    private Redaction() {
    }

    /** Where a URL's user part is in a text: [start, at) is the user part, {@code at} the '@'. */
    private record UserInfo(String scheme, int start, int at, int colon) {
        boolean hasPassword() {
            return colon >= 0;
        }

        /** Whether the user part is (or may be) a credential, not just an ssh user name. */
        boolean isCredential() {
            return hasPassword() || !isSsh(scheme);
        }
    }

    /** Schemes whose user part is a public name, never a credential: a Besu node's public key. */
    private static boolean isPublic(String scheme) {
        return scheme.equals("enode");
    }

    private static boolean isSsh(String scheme) {
        return scheme.equals("ssh") || scheme.equals("git+ssh") || scheme.equals("ssh+git") || scheme.equals("sftp");
    }

    /**
     * The user part of the URL whose "://" is at {@code sep}, or null. The authority runs to the first '/', '?', '#',
     * whitespace, quote or end (as Git and curl read it); its last '@' ends the user part.
     */
    private static UserInfo userInfoAt(String text, int sep) {
        int s = sep;
        while (s > 0 && isSchemeChar(text.charAt(s - 1))) s--;
        while (s < sep && !Character.isLetter(text.charAt(s))) s++; // a scheme starts with a letter
        if (s == sep) return null;
        String scheme = text.substring(s, sep).toLowerCase(Locale.ROOT);
        int start = sep + 3;
        int end = start;
        int at = -1;
        while (end < text.length() && !endsAuthority(text.charAt(end))) {
            if (text.charAt(end) == '@') at = end;
            end++;
        }
        if (at < 0 || isPublic(scheme)) return null;
        int colon = text.indexOf(':', start);
        return new UserInfo(scheme, start, at, colon >= 0 && colon < at ? colon : -1);
    }

    private static boolean isSchemeChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '.' || c == '-';
    }

    private static boolean endsAuthority(char c) {
        return c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == '`' || c == '<' || c == '>'
                || Character.isWhitespace(c) || Character.isISOControl(c);
    }

    /**
     * Whether a value holds a URL whose user part is a credential (a password, or any user of a non-ssh URL), or is
     * a scheme-less address with a password ({@code user:password@host/path}).
     */
    public static boolean hasCredentials(String value) {
        for (int sep = value.indexOf("://"); sep >= 0; sep = value.indexOf("://", sep + 3)) {
            UserInfo u = userInfoAt(value, sep);
            if (u != null && u.isCredential()) return true;
        }
        if (value.contains("://")) return false;
        // host/path without a scheme (git_repo, a registry): user:password@host... ; user@host:path is scp-like ssh.
        int at = value.indexOf('@');
        int slash = value.indexOf('/');
        if (at <= 0 || (slash >= 0 && slash < at)) return false;
        int colon = value.indexOf(':');
        return colon >= 0 && colon < at;
    }

    /**
     * A URL as it may be printed: a password becomes ***, so does a user part that may be a token (any user of a
     * non-ssh URL); {@code ssh://git@host} is unchanged. A scheme-less {@code user:password@host} loses its password.
     */
    public static String url(String url) {
        if (url == null) return null;
        String out = text(url);
        if (out.contains("://")) return out;
        int at = out.indexOf('@');
        int slash = out.indexOf('/');
        int colon = out.indexOf(':');
        if (at > 0 && (slash < 0 || slash > at) && colon >= 0 && colon < at) {
            return out.substring(0, colon + 1) + MASK + out.substring(at);
        }
        return out;
    }

    /** Free text (a message, a report) with every URL in it redacted as {@link #url} does. */
    public static String text(String text) {
        if (text == null) return null;
        int sep = text.indexOf("://");
        if (sep < 0) return text;
        StringBuilder b = null;
        int copied = 0;
        for (; sep >= 0; sep = text.indexOf("://", sep + 3)) {
            UserInfo u = userInfoAt(text, sep);
            if (u == null || !u.isCredential()) continue;
            if (b == null) b = new StringBuilder(text.length());
            b.append(text, copied, u.start());
            if (u.hasPassword()) b.append(text, u.start(), u.colon() + 1);
            b.append(MASK);
            copied = u.at();
            sep = u.at() - 3;
        }
        if (b == null) return text;
        return b.append(text, copied, text.length()).toString();
    }

    /**
     * Free text with every scheme-less {@code user:password@host} (Bevel's {@code git_repo}) masked as
     * {@code user:***@host}, besides the URLs {@link #text} masks: for source excerpts, which show any value.
     */
    public static String addresses(String text) {
        String out = text(text);
        if (out == null || out.indexOf('@') < 0) return out;
        StringBuilder b = null;
        int copied = 0;
        for (int at = out.indexOf('@'); at >= 0; at = out.indexOf('@', at + 1)) {
            int s = at;
            while (s > 0 && !endsAddressToken(out.charAt(s - 1))) s--;
            int colon = out.indexOf(':', s);
            if (colon <= s || colon >= at - 1 || s < copied || out.startsWith(MASK, colon + 1)) continue;
            if (b == null) b = new StringBuilder(out.length());
            b.append(out, copied, colon + 1).append(MASK);
            copied = at;
        }
        return b == null ? out : b.append(out, copied, out.length()).toString();
    }

    private static boolean endsAddressToken(char c) {
        return Character.isWhitespace(c) || c == '"' || c == '\'' || c == '{' || c == '[' || c == ',' || c == '/' || c == '@';
    }

    /**
     * A URL as a generated file carries it: no user part at all, except an ssh user without password (Flux's ssh
     * transport logs in as that user). Credentials reach Flux through a Secret, never through the URL.
     */
    public static String withoutCredentials(String url) {
        if (url == null) return null;
        int sep = url.indexOf("://");
        if (sep < 0) return url;
        UserInfo u = userInfoAt(url, sep);
        if (u == null) return url;
        if (isSsh(u.scheme())) return u.hasPassword() ? url.substring(0, u.colon()) + url.substring(u.at()) : url;
        return url.substring(0, u.start()) + url.substring(u.at() + 1);
    }

    /** A URL without any user part, ssh users included: what identifies a repository whoever logs in. */
    public static String withoutUserInfo(String url) {
        if (url == null) return null;
        int sep = url.indexOf("://");
        if (sep < 0) return url;
        UserInfo u = userInfoAt(url, sep);
        return u == null ? url : url.substring(0, u.start()) + url.substring(u.at() + 1);
    }

    /** Free text with URLs redacted and every occurrence of the given secrets (also URL-encoded) replaced by ***. */
    public static String text(String text, Collection<Secret> secrets) {
        if (text == null) return null;
        String out = text(text);
        for (Secret s : secrets) {
            if (s == null || s.reveal().length() < 3) continue;
            out = out.replace(s.reveal(), MASK);
            out = out.replace(URLEncoder.encode(s.reveal(), StandardCharsets.UTF_8), MASK);
        }
        return out;
    }
}
