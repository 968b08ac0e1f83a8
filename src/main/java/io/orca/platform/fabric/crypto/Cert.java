package io.orca.platform.fabric.crypto;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.math.ec.ECPoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** An X.509 certificate Orca issued or kept: its DER bytes, with the fields the planner compares. */
public final class Cert {
    private final byte[] der;
    private final Certificate parsed;

    private Cert(byte[] der) {
        this.der = der.clone();
        this.parsed = Certificate.getInstance(der);
    }

    public static Cert ofDer(byte[] der) {
        return new Cert(der);
    }

    /** The first CERTIFICATE block of a PEM text. */
    public static Cert ofPem(String pem) {
        return new Cert(Pem.decode(Pem.CERTIFICATE, pem));
    }

    public byte[] der() {
        return der.clone();
    }

    public String pem() {
        return Pem.encode(Pem.CERTIFICATE, der);
    }

    public X500Name subject() {
        return parsed.getSubject();
    }

    public X500Name issuer() {
        return parsed.getIssuer();
    }

    public ECPoint publicPoint() {
        return P256.decode(parsed.getSubjectPublicKeyInfo().getPublicKeyData().getBytes());
    }

    public byte[] subjectKeyId() {
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(extensions());
        return ski == null ? null : ski.getKeyIdentifier();
    }

    public byte[] authorityKeyId() {
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.fromExtensions(extensions());
        return aki == null ? null : aki.getKeyIdentifier();
    }

    /** The DNS names and IP addresses of the subjectAltName extension, in order (IPs as text). */
    public List<String> subjectAltNames() {
        GeneralNames names = GeneralNames.fromExtensions(extensions(), Extension.subjectAlternativeName);
        List<String> out = new ArrayList<>();
        if (names == null) return out;
        for (GeneralName n : names.getNames()) {
            if (n.getTagNo() == GeneralName.dNSName) out.add(n.getName().toString());
            else if (n.getTagNo() == GeneralName.iPAddress) out.add(Certificates.ipText(n));
        }
        return out;
    }

    Extensions extensions() {
        Extensions e = parsed.getTBSCertificate().getExtensions();
        return e == null ? new Extensions(new Extension[0]) : e;
    }

    /** The signed part, for verification. */
    public byte[] tbs() {
        try {
            return parsed.getTBSCertificate().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] signature() {
        return parsed.getSignature().getBytes();
    }

    /** Whether {@code issuer}'s key signed this certificate. */
    public boolean signedBy(ECPoint issuer) {
        return P256.verify(issuer, tbs(), signature());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cert c && Arrays.equals(c.der, der);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(der);
    }

    @Override
    public String toString() {
        return "Cert[" + subject() + "]";
    }
}
