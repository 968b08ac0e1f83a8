package io.orca.secrets;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.framework.armor.ArmoredDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.armor.ArmoredEncryptingChannelFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;

import io.orca.model.Secret;

/** age recipients and identities: validation, key files, and wrapping a sops data key (all through jagged). */
public final class AgeKeys {
    private AgeKeys() {}

    /**
     * Recipients (public keys) already checked: the check builds an X25519 stanza writer, which cost a 200-organization
     * publish ~1 s of CPU when repeated for each of its 1,900 Secrets (decision 0026). Bounded; public values only.
     */
    private static final java.util.Set<String> VALID_RECIPIENTS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** True when {@code recipient} is a valid age X25519 recipient ({@code age1...}, bech32 checksum ok). */
    public static boolean isValidRecipient(String recipient) {
        if (recipient == null || !recipient.startsWith("age1")) {
            return false;
        }
        if (VALID_RECIPIENTS.contains(recipient)) return true;
        try {
            X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(recipient);
            if (VALID_RECIPIENTS.size() < 10_000) VALID_RECIPIENTS.add(recipient);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The recipients, validated, trimmed, de-duplicated, in their given order. */
    public static List<String> requireRecipients(Collection<String> recipients) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String r : recipients) {
            String t = r == null ? "" : r.strip();
            if (!isValidRecipient(t)) {
                throw new SecretsException("not a valid age recipient (expected age1... as printed by "
                        + "'orca secrets keygen' or age-keygen): '" + t + "'");
            }
            out.add(t);
        }
        return List.copyOf(out);
    }

    /**
     * The identities in an age key file's text: lines starting with {@code AGE-SECRET-KEY-1}; comments and
     * blank lines are skipped (the format of age-keygen and of {@code SOPS_AGE_KEY_FILE}).
     */
    public static List<Secret> parseIdentities(String keyFileText) {
        List<Secret> ids = new ArrayList<>();
        for (String line : keyFileText.split("\\R")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (!t.startsWith("AGE-SECRET-KEY-1")) {
                throw new SecretsException("unsupported line in age key file (only X25519 identities "
                        + "AGE-SECRET-KEY-1... are supported)");
            }
            AgeKeyPair.fromIdentity(Secret.of(t)); // validates
            ids.add(Secret.of(t));
        }
        if (ids.isEmpty()) {
            throw new SecretsException("no age identity (AGE-SECRET-KEY-1...) found in key file");
        }
        return ids;
    }

    /** An age key file holds a few lines; anything larger is the wrong file. */
    public static final int MAX_KEY_FILE_BYTES = 64 * 1024;

    /** Reads the identities of an age key file (a regular file of at most {@link #MAX_KEY_FILE_BYTES}). */
    public static List<Secret> readIdentities(Path keyFile) {
        try {
            return parseIdentities(io.orca.load.InputFiles.readUtf8(keyFile, MAX_KEY_FILE_BYTES));
        } catch (io.orca.load.InputFiles.UnreadableFileException e) {
            throw new SecretsException("cannot read age key file " + keyFile + ": " + e.reason(), e);
        }
    }

    /** Encrypts {@code payload} to one recipient as an ASCII-armored age file (what sops stores in {@code enc}). */
    static String encryptArmored(byte[] payload, String recipient) {
        try {
            RecipientStanzaWriter writer = X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(recipient);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (WritableByteChannel ch = new ArmoredEncryptingChannelFactory()
                    .newEncryptingChannel(Channels.newChannel(out), List.of(writer))) {
                ByteBuffer buf = ByteBuffer.wrap(payload);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
            String armored = out.toString(StandardCharsets.US_ASCII);
            return armored.endsWith("\n") ? armored : armored + "\n";
        } catch (GeneralSecurityException | IOException e) {
            throw new SecretsException("age encryption to " + recipient + " failed: " + e.getMessage(), e);
        }
    }

    /** Decrypts an armored age file with any of the identities; null when none of them is a recipient. */
    static byte[] decryptArmored(String armored, Collection<Secret> identities) {
        List<RecipientStanzaReader> readers = new ArrayList<>();
        try {
            for (Secret id : identities) {
                readers.add(X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(id.reveal().strip()));
            }
        } catch (GeneralSecurityException e) {
            throw new SecretsException("invalid age identity: " + e.getClass().getSimpleName(), e);
        }
        byte[] in = armored.strip().concat("\n").getBytes(StandardCharsets.US_ASCII);
        try (ReadableByteChannel ch = new ArmoredDecryptingChannelFactory()
                .newDecryptingChannel(Channels.newChannel(new ByteArrayInputStream(in)), readers)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (ch.read(buf) >= 0) {
                buf.flip();
                out.write(buf.array(), 0, buf.limit());
                buf.clear();
            }
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            return null;
        }
    }
}
