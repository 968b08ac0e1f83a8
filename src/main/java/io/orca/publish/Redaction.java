package io.orca.publish;

import io.orca.model.Secret;

import java.util.Collection;

/** Keeps secrets out of publish's text: the publish-side names of {@link io.orca.model.Redaction}. */
public final class Redaction {
    private Redaction() {
    }

    /** Every URL in the text with its password (or a token written as its user) replaced by ***. */
    public static String stripPassword(String text) {
        return io.orca.model.Redaction.text(text);
    }

    /** {@code https://user:pw@host/x} → {@code https://host/x}. */
    public static String stripUserInfo(String url) {
        return io.orca.model.Redaction.withoutUserInfo(url);
    }

    /** Redacts URLs and replaces every occurrence of the given secrets (also URL-encoded) by ***. */
    public static String redact(String text, Collection<Secret> secrets) {
        return io.orca.model.Redaction.text(text, secrets);
    }
}
