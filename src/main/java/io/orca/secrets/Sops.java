package io.orca.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

import io.orca.model.Secret;

/**
 * Reads and writes sops-encrypted YAML (sops 3.x file format, age key source only), byte-compatible with
 * the {@code sops} binary and Flux's kustomize-controller.
 *
 * <p>Format, as in getsops/sops v3 (aes/cipher.go, sops.go, cmd/sops/common, stores/): a random 32-byte data
 * key; each value selected by the encryption rule becomes {@code ENC[AES256_GCM,data:..,iv:..,tag:..,type:..]}
 * (AES-256-GCM, random 32-byte IV, 16-byte tag, additional data = the key path joined with ":" plus ":");
 * the MAC is the upper-case hex SHA-512 of all leaf values (tree order) encrypted as a str value with the
 * {@code lastmodified} RFC 3339 text as additional data; the data key is wrapped per recipient as an armored
 * age file under {@code sops.age[].enc}. Orca writes {@code encrypted_regex: ^(data|stringData)$}, so a
 * Secret's metadata stays readable. AES-GCM is BouncyCastle's,
 * SHA-512 the JDK's, age is jagged's.
 */
public final class Sops {
    /** The encryption rule Orca writes: only a Secret's data and stringData values are encrypted. */
    public static final String ENCRYPTED_REGEX = "^(data|stringData)$";
    /** The sops version whose format Orca writes and is tested against (scripts/build-sops builds it). */
    public static final String SOPS_VERSION = "3.13.3";

    /** Marks a decrypted sops comment (YAML comments are not kept in the tree). */
    private static final Object ENCRYPTED_COMMENT = new Object();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern ENC = Pattern.compile("^ENC\\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\\]");
    /** sops.MACOnlyEncryptedInitialization: sha256("sops"). */
    private static final byte[] MAC_ONLY_ENCRYPTED_INIT = HexFormat.of()
            .parseHex("8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69");

    private Sops() {}

    /** The result of decrypting a sops file. */
    public record Decrypted(String plaintextYaml, List<String> recipients) {
        @Override
        public String toString() {
            return "Decrypted[recipients=" + recipients + ", plaintext=***]";
        }
    }

    /**
     * Encrypts a plaintext YAML document (one Kubernetes Secret) to the age recipients, in sops' format.
     *
     * @throws SecretsException when the YAML is not one mapping document, already has a top-level {@code sops}
     *                          key, or a recipient is invalid
     */
    public static String encrypt(String plaintextYaml, Collection<String> recipients) {
        List<String> rs = AgeKeys.requireRecipients(recipients);
        if (rs.isEmpty()) {
            throw new SecretsException("refusing to encrypt without an age recipient");
        }
        LinkedHashMap<String, Object> tree = SopsYaml.parse(plaintextYaml);
        if (tree.containsKey("sops")) {
            throw new SecretsException("the document already has a top-level 'sops' key (already encrypted?)");
        }
        byte[] dataKey = new byte[32];
        RANDOM.nextBytes(dataKey);
        return encryptTree(tree, dataKey, rs);
    }

    /**
     * Decrypts a sops YAML file with any of the given identities and verifies its MAC.
     *
     * @throws NotARecipientException when none of the identities can unwrap the data key
     * @throws SecretsException       when the file is not a supported sops file, or a value or the MAC does not verify
     */
    public static Decrypted decrypt(String encryptedYaml, Collection<Secret> identities) {
        Opened o = open(encryptedYaml, identities);
        return new Decrypted(SopsYaml.emit(o.plainTree), o.metadata.recipients);
    }

    /**
     * Re-encrypts a sops file to new recipients: decrypts it (verifying the MAC), then encrypts the same
     * plaintext under a fresh data key, so a removed recipient's old wrapped key opens nothing new.
     */
    public static String rotate(String encryptedYaml, Collection<Secret> identities, Collection<String> newRecipients) {
        List<String> rs = AgeKeys.requireRecipients(newRecipients);
        if (rs.isEmpty()) {
            throw new SecretsException("refusing to rotate to an empty recipient list");
        }
        Opened o = open(encryptedYaml, identities);
        byte[] dataKey = new byte[32];
        RANDOM.nextBytes(dataKey);
        return encryptTree(o.plainTree, dataKey, rs);
    }

    /** The age recipients of a sops file, read from its metadata (no key needed). */
    public static List<String> recipients(String encryptedYaml) {
        return readMetadata(SopsYaml.parse(encryptedYaml)).recipients;
    }

    /** True when the text is a YAML mapping with a top-level sops metadata block (with a MAC). */
    public static boolean isEncrypted(String yaml) {
        try {
            Object sops = SopsYaml.parse(yaml).get("sops");
            return sops instanceof Map<?, ?> m && m.containsKey("mac") && m.containsKey("lastmodified");
        } catch (SecretsException e) {
            return false;
        }
    }

    /** True when the file uses Orca's rule (only data/stringData encrypted, full MAC). */
    static boolean usesOrcaRule(String encryptedYaml) {
        Metadata m = readMetadata(SopsYaml.parse(encryptedYaml));
        return ENCRYPTED_REGEX.equals(m.encryptedRegex) && !m.macOnlyEncrypted;
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Thrown when none of the given identities is among a file's recipients. */
    public static final class NotARecipientException extends SecretsException {
        private static final long serialVersionUID = 1L;

        NotARecipientException(List<String> recipients) {
            super("none of the given age identities can decrypt this file (its recipients: " + recipients + ")");
        }
    }

    private record Opened(LinkedHashMap<String, Object> plainTree, Metadata metadata) {}

    private static final class Metadata {
        final List<String> recipients = new ArrayList<>();
        final List<String> wrappedKeys = new ArrayList<>();
        String lastModified;
        String mac;
        String encryptedRegex;
        String unencryptedRegex;
        Pattern encryptedPattern;
        Pattern unencryptedPattern;
        String encryptedSuffix;
        String unencryptedSuffix;
        boolean macOnlyEncrypted;

        boolean shouldBeEncrypted(List<String> path) {
            boolean encrypted = true;
            if (unencryptedSuffix != null) {
                for (String p : path) {
                    if (p.endsWith(unencryptedSuffix)) {
                        encrypted = false;
                        break;
                    }
                }
            }
            if (encryptedSuffix != null) {
                encrypted = path.stream().anyMatch(p -> p.endsWith(encryptedSuffix));
            }
            if (unencryptedPattern != null) {
                if (path.stream().anyMatch(p -> unencryptedPattern.matcher(p).find())) {
                    encrypted = false;
                }
            }
            if (encryptedPattern != null) {
                encrypted = path.stream().anyMatch(p -> encryptedPattern.matcher(p).find());
            }
            return encrypted;
        }
    }

    private static Metadata readMetadata(Map<String, Object> tree) {
        Object raw = tree.get("sops");
        if (!(raw instanceof Map<?, ?> sops)) {
            throw new SecretsException("not a sops file: no top-level 'sops' metadata");
        }
        Metadata m = new Metadata();
        for (Map.Entry<?, ?> e : sops.entrySet()) {
            String k = String.valueOf(e.getKey());
            Object v = e.getValue();
            switch (k) {
                case "age" -> {
                    if (v instanceof List<?> list) {
                        for (Object item : list) {
                            if (!(item instanceof Map<?, ?> a) || !(a.get("recipient") instanceof String r)
                                    || !(a.get("enc") instanceof String enc)) {
                                throw new SecretsException("malformed sops.age entry");
                            }
                            m.recipients.add(r);
                            m.wrappedKeys.add(enc);
                        }
                    }
                }
                case "lastmodified" -> m.lastModified = v instanceof SopsYaml.YamlTime t ? t.text() : string(k, v);
                case "mac" -> m.mac = string(k, v);
                case "encrypted_regex" -> m.encryptedRegex = string(k, v);
                case "unencrypted_regex" -> m.unencryptedRegex = string(k, v);
                case "encrypted_suffix" -> m.encryptedSuffix = string(k, v);
                case "unencrypted_suffix" -> m.unencryptedSuffix = string(k, v);
                case "mac_only_encrypted" -> m.macOnlyEncrypted = Boolean.TRUE.equals(v);
                case "version" -> { }
                case "encrypted_comment_regex", "unencrypted_comment_regex" -> throw new SecretsException(
                        "sops files with comment-based encryption rules are not supported (" + k + ")");
                case "key_groups", "shamir_threshold" -> throw new SecretsException(
                        "sops key groups / Shamir secret sharing are not supported; use plain age recipients");
                // Other key sources (kms, pgp, ...) may coexist; Orca only uses the age ones.
                default -> { }
            }
        }
        if (m.lastModified == null || m.mac == null) {
            throw new SecretsException("not a sops file: metadata lacks lastmodified or mac");
        }
        int rules = 0;
        for (String r : new String[] {m.encryptedRegex, m.unencryptedRegex, m.encryptedSuffix, m.unencryptedSuffix}) {
            if (r != null && !r.isEmpty()) {
                rules++;
            }
        }
        if (rules > 1) {
            throw new SecretsException("sops file uses more than one encryption rule");
        }
        if (m.encryptedRegex != null && m.encryptedRegex.isEmpty()) {
            m.encryptedRegex = null;
        }
        if (m.unencryptedRegex != null && m.unencryptedRegex.isEmpty()) {
            m.unencryptedRegex = null;
        }
        if (m.encryptedSuffix != null && m.encryptedSuffix.isEmpty()) {
            m.encryptedSuffix = null;
        }
        if (m.unencryptedSuffix != null && m.unencryptedSuffix.isEmpty()) {
            m.unencryptedSuffix = null;
        }
        if (rules == 0) {
            m.unencryptedSuffix = "_unencrypted"; // sops.DefaultUnencryptedSuffix
        }
        m.encryptedPattern = compile("encrypted_regex", m.encryptedRegex);
        m.unencryptedPattern = compile("unencrypted_regex", m.unencryptedRegex);
        return m;
    }

    /** A metadata value that must be a string: anything else is a malformed file, not an internal error. */
    private static String string(String key, Object v) {
        if (v == null || v instanceof String) return (String) v;
        throw new SecretsException("malformed sops metadata: '" + key + "' is not a string");
    }

    /** A file's own encryption rule, compiled once; an invalid one is a malformed file. */
    private static Pattern compile(String key, String regex) {
        if (regex == null) return null;
        try {
            return Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new SecretsException("malformed sops metadata: " + key + " is not a valid regular expression ("
                    + e.getDescription() + ")");
        }
    }

    private static Opened open(String encryptedYaml, Collection<Secret> identities) {
        Objects.requireNonNull(identities, "identities");
        LinkedHashMap<String, Object> tree = SopsYaml.parse(encryptedYaml);
        Metadata meta = readMetadata(tree);
        tree.remove("sops");
        if (meta.recipients.isEmpty()) {
            throw new SecretsException("sops file has no age recipient (other key sources are not supported)");
        }
        byte[] dataKey = null;
        for (String wrapped : meta.wrappedKeys) {
            dataKey = AgeKeys.decryptArmored(wrapped, identities);
            if (dataKey != null) {
                break;
            }
        }
        if (dataKey == null) {
            throw new NotARecipientException(meta.recipients);
        }
        if (dataKey.length != 32) {
            throw new SecretsException("sops data key has " + dataKey.length + " bytes, expected 32");
        }
        MessageDigest sha = sha512();
        if (meta.macOnlyEncrypted) {
            sha.update(MAC_ONLY_ENCRYPTED_INIT);
        }
        LinkedHashMap<String, Object> plain = walkDecrypt(tree, new ArrayList<>(), meta, dataKey, sha);
        String computed = HexFormat.of().withUpperCase().formatHex(sha.digest());
        Object fileMac;
        try {
            fileMac = decryptValue(meta.mac, dataKey, meta.lastModified);
        } catch (SecretsException e) {
            throw new SecretsException("cannot decrypt the MAC: " + e.getMessage(), e);
        }
        if (!computed.equals(fileMac)) {
            throw new SecretsException("MAC mismatch: the file was modified or is corrupt");
        }
        return new Opened(plain, meta);
    }

    @SuppressWarnings("unchecked")
    private static LinkedHashMap<String, Object> walkDecrypt(Map<String, Object> branch, List<String> path,
                                                             Metadata meta, byte[] key, MessageDigest sha) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : branch.entrySet()) {
            path.add(e.getKey());
            Object plain = decryptValueAt(e.getValue(), path, meta, key, sha);
            if (plain == ENCRYPTED_COMMENT) {
                throw new SecretsException("unexpected encrypted comment as the value of " + String.join(":", path));
            }
            out.put(e.getKey(), plain);
            path.remove(path.size() - 1);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object decryptValueAt(Object v, List<String> path, Metadata meta, byte[] key, MessageDigest sha) {
        if (v instanceof Map<?, ?> m) {
            return walkDecrypt((Map<String, Object>) m, path, meta, key, sha);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                Object plain = decryptValueAt(item, path, meta, key, sha); // sops keeps the path for list items
                if (plain != ENCRYPTED_COMMENT) {
                    out.add(plain); // sops stores a comment inside a list as an encrypted item: drop it
                }
            }
            return out;
        }
        if (v == null) {
            return null;
        }
        boolean encrypted = meta.shouldBeEncrypted(path);
        Object plain;
        if (encrypted) {
            if (!(v instanceof String s)) {
                throw new SecretsException("expected an encrypted value at " + String.join(":", path)
                        + ", found a " + v.getClass().getSimpleName());
            }
            try {
                plain = decryptValue(s, key, String.join(":", path) + ":");
            } catch (SecretsException ex) {
                throw new SecretsException("cannot decrypt the value at " + String.join(":", path) + ": "
                        + ex.getMessage(), ex);
            }
        } else {
            plain = v;
        }
        if (plain == ENCRYPTED_COMMENT) {
            return plain; // comments never enter the MAC
        }
        if (!meta.macOnlyEncrypted || encrypted) {
            sha.update(SopsYaml.macText(plain).getBytes(StandardCharsets.UTF_8));
        }
        return plain;
    }

    private static String encryptTree(LinkedHashMap<String, Object> plainTree, byte[] dataKey, List<String> recipients) {
        Pattern rule = Pattern.compile(ENCRYPTED_REGEX);
        MessageDigest sha = sha512();
        LinkedHashMap<String, Object> out = walkEncrypt(plainTree, new ArrayList<>(), rule, dataKey, sha);
        String mac = HexFormat.of().withUpperCase().formatHex(sha.digest());
        String lastModified = RFC3339.format(Instant.now().truncatedTo(ChronoUnit.SECONDS));

        List<Object> age = new ArrayList<>();
        for (String r : recipients) {
            LinkedHashMap<String, Object> stanza = new LinkedHashMap<>();
            stanza.put("enc", AgeKeys.encryptArmored(dataKey, r));
            stanza.put("recipient", r);
            age.add(stanza);
        }
        // Key order as sops writes it (its metadata struct is emitted with sorted keys).
        LinkedHashMap<String, Object> sops = new LinkedHashMap<>();
        sops.put("age", age);
        sops.put("encrypted_regex", ENCRYPTED_REGEX);
        sops.put("lastmodified", lastModified);
        sops.put("mac", encryptValue(mac, dataKey, lastModified));
        sops.put("version", SOPS_VERSION);
        out.put("sops", sops);
        return SopsYaml.emit(out);
    }

    @SuppressWarnings("unchecked")
    private static LinkedHashMap<String, Object> walkEncrypt(Map<String, Object> branch, List<String> path,
                                                             Pattern rule, byte[] key, MessageDigest sha) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : branch.entrySet()) {
            path.add(e.getKey());
            out.put(e.getKey(), encryptValueAt(e.getValue(), path, rule, key, sha));
            path.remove(path.size() - 1);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object encryptValueAt(Object v, List<String> path, Pattern rule, byte[] key, MessageDigest sha) {
        if (v instanceof Map<?, ?> m) {
            return walkEncrypt((Map<String, Object>) m, path, rule, key, sha);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                out.add(encryptValueAt(item, path, rule, key, sha));
            }
            return out;
        }
        if (v == null) {
            return null;
        }
        sha.update(SopsYaml.macText(v).getBytes(StandardCharsets.UTF_8));
        boolean encrypted = path.stream().anyMatch(p -> rule.matcher(p).find());
        return encrypted ? encryptValue(v, key, String.join(":", path) + ":") : v;
    }

    // ------------------------------------------------------------------------------------- the value cipher

    static String encryptValue(Object plaintext, byte[] key, String additionalData) {
        String type;
        String text;
        if (plaintext instanceof String s) {
            type = "str";
            text = s;
        } else if (plaintext instanceof Long || plaintext instanceof Integer) {
            type = "int";
            text = plaintext.toString();
        } else if (plaintext instanceof Double d) {
            type = "float";
            text = SopsYaml.goFormatFloat(d);
        } else if (plaintext instanceof Boolean b) {
            type = "bool";
            text = b ? "True" : "False";
        } else if (plaintext instanceof SopsYaml.YamlTime t) {
            type = "time";
            text = t.text();
        } else {
            throw new SecretsException("cannot encrypt a value of type " + plaintext.getClass().getSimpleName());
        }
        if (text.isEmpty()) {
            return ""; // sops leaves empty strings as they are
        }
        byte[] iv = new byte[32];
        RANDOM.nextBytes(iv);
        byte[] sealed = gcm(true, key, iv, text.getBytes(StandardCharsets.UTF_8), additionalData);
        int n = sealed.length - 16;
        Base64.Encoder b64 = Base64.getEncoder();
        return "ENC[AES256_GCM,data:" + b64.encodeToString(java.util.Arrays.copyOfRange(sealed, 0, n))
                + ",iv:" + b64.encodeToString(iv)
                + ",tag:" + b64.encodeToString(java.util.Arrays.copyOfRange(sealed, n, sealed.length))
                + ",type:" + type + "]";
    }

    static Object decryptValue(String ciphertext, byte[] key, String additionalData) {
        if (ciphertext.isEmpty()) {
            return "";
        }
        Matcher m = ENC.matcher(ciphertext);
        if (!m.find()) {
            throw new SecretsException("value does not match sops' ENC[AES256_GCM,...] format");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] data;
        byte[] iv;
        byte[] tag;
        try {
            data = b64.decode(m.group(1));
            iv = b64.decode(m.group(2));
            tag = b64.decode(m.group(3));
        } catch (IllegalArgumentException e) {
            throw new SecretsException("bad base64 in encrypted value", e);
        }
        if (tag.length != 16 || iv.length == 0) {
            throw new SecretsException("bad IV or tag length in encrypted value");
        }
        byte[] in = new byte[data.length + tag.length];
        System.arraycopy(data, 0, in, 0, data.length);
        System.arraycopy(tag, 0, in, data.length, tag.length);
        String text = new String(gcm(false, key, iv, in, additionalData), StandardCharsets.UTF_8);
        String type = m.group(4);
        try {
            return switch (type) {
                case "str" -> text;
                case "int" -> Long.parseLong(text);
                case "float" -> Double.parseDouble(text);
                case "bool" -> parseGoBool(text);
                case "time" -> {
                    SopsYaml.YamlTime t = SopsYaml.parseTimestamp(text);
                    if (t == null) {
                        throw new SecretsException("bad time value");
                    }
                    yield t;
                }
                case "bytes" -> text;
                case "comment" -> ENCRYPTED_COMMENT;
                default -> throw new SecretsException("unknown sops value type: " + type);
            };
        } catch (NumberFormatException e) {
            throw new SecretsException("encrypted value does not match its type " + type, e);
        }
    }

    private static Boolean parseGoBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> Boolean.TRUE;
            case "0", "f", "F", "FALSE", "false", "False" -> Boolean.FALSE;
            default -> throw new SecretsException("bad bool value");
        };
    }

    private static byte[] gcm(boolean encrypt, byte[] key, byte[] iv, byte[] input, String additionalData) {
        GCMModeCipher cipher = GCMBlockCipher.newInstance(AESEngine.newInstance());
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key), 128, iv,
                additionalData.getBytes(StandardCharsets.UTF_8)));
        byte[] out = new byte[cipher.getOutputSize(input.length)];
        int len = cipher.processBytes(input, 0, input.length, out, 0);
        try {
            len += cipher.doFinal(out, len);
        } catch (InvalidCipherTextException e) {
            throw new SecretsException("authentication failed (wrong key, or tampered value)", e);
        }
        return len == out.length ? out : java.util.Arrays.copyOf(out, len);
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
