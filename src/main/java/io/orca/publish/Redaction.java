package io.orca.publish;

import io.orca.model.Secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps secrets out of text: passwords in URLs and any known secret value. */
public final class Redaction {
    private static final Pattern URL_USERINFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@\\s]*)@");

    private Redaction() {
    }

    /** {@code https://user:pw@host/x} → {@code https://user@host/x}; other text unchanged. */
    public static String stripPassword(String text) {
        if (text == null) return null;
        Matcher m = URL_USERINFO.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String userInfo = m.group(2);
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + user + "@"));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** {@code https://user:pw@host/x} → {@code https://host/x}. */
    public static String stripUserInfo(String url) {
        return URL_USERINFO.matcher(url).replaceAll("$1");
    }

    /** Strips URL passwords and replaces every occurrence of the given secrets (also URL-encoded) by ***. */
    public static String redact(String text, Collection<Secret> secrets) {
        if (text == null) return null;
        String out = stripPassword(text);
        for (Secret s : secrets) {
            if (s == null || s.reveal().length() < 3) continue;
            out = out.replace(s.reveal(), "***");
            out = out.replace(URLEncoder.encode(s.reveal(), StandardCharsets.UTF_8), "***");
        }
        return out;
    }
}
