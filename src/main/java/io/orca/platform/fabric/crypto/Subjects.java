package io.orca.platform.fabric.crypto;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Certificate subjects from network.yaml: Bevel writes a CA's subject in OpenSSL's form ({@code /C=GB/ST=London/L=London/O=Carrier});
 * an organization has {@code country}, {@code state} and {@code location}. Nodes and users get cryptogen's shape:
 * C, ST, L, OU = their NodeOU role, CN.
 */
public final class Subjects {
    private static final Map<String, ASN1ObjectIdentifier> ATTRIBUTES = new LinkedHashMap<>();

    static {
        ATTRIBUTES.put("C", BCStyle.C);
        ATTRIBUTES.put("ST", BCStyle.ST);
        ATTRIBUTES.put("L", BCStyle.L);
        ATTRIBUTES.put("O", BCStyle.O);
        ATTRIBUTES.put("OU", BCStyle.OU);
        ATTRIBUTES.put("CN", BCStyle.CN);
    }

    /** Parsed subject attributes in the order C, ST, L, O, OU, CN (each at most once). */
    public record Attributes(Map<String, String> values) {
        public Attributes {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        public Attributes with(String key, String value) {
            Map<String, String> m = new LinkedHashMap<>(values);
            if (value == null || value.isEmpty()) m.remove(key);
            else m.put(key, value);
            return new Attributes(m);
        }

        public Attributes without(String key) {
            return with(key, null);
        }

        public X500Name name() {
            X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
            for (Map.Entry<String, ASN1ObjectIdentifier> a : ATTRIBUTES.entrySet()) {
                String v = values.get(a.getKey());
                if (v != null && !v.isEmpty()) b.addRDN(a.getValue(), v);
            }
            return b.build();
        }
    }

    private Subjects() {
    }

    /**
     * Reads {@code /C=GB/ST=London/L=London/O=Orderer} (OpenSSL) or {@code O=Orderer,L=London,C=GB} (RFC 4514-like).
     * A segment without '=' continues the previous value (Bevel's {@code L=51.50/-0.13/London}). Unknown attributes
     * are dropped.
     */
    public static Attributes parse(String subject) {
        Map<String, String> out = new LinkedHashMap<>();
        if (subject == null || subject.isBlank()) return new Attributes(out);
        String s = subject.strip();
        char sep = s.startsWith("/") ? '/' : ',';
        List<String> parts = new ArrayList<>();
        for (String p : s.split(java.util.regex.Pattern.quote(String.valueOf(sep)))) {
            if (p.isBlank()) continue;
            if (!p.contains("=") && !parts.isEmpty()) parts.set(parts.size() - 1, parts.get(parts.size() - 1) + sep + p);
            else parts.add(p);
        }
        Map<String, String> found = new LinkedHashMap<>();
        for (String p : parts) {
            int eq = p.indexOf('=');
            if (eq <= 0) continue;
            String key = p.substring(0, eq).strip().toUpperCase(Locale.ROOT);
            if (ATTRIBUTES.containsKey(key)) found.putIfAbsent(key, p.substring(eq + 1).strip());
        }
        for (String k : ATTRIBUTES.keySet()) if (found.containsKey(k)) out.put(k, found.get(k));
        return new Attributes(out);
    }
}
