package io.orca.platform.fabric.crypto;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Issues certificates as cryptogen shapes them (ECDSA P-256, SHA-256), deterministically: the validity window is
 * input, the serial number is a hash of the certificate's content, and the signature is RFC 6979's. The same keys and
 * inputs give the same bytes on every run.
 */
public final class Certificates {
    /** What a certificate is for; decides its key usages. */
    public enum Kind {
        /** A root CA (enrollment or TLS): signs certificates. */
        CA,
        /** An MSP enrollment certificate: signs transactions, blocks and proposals. */
        SIGN,
        /** A TLS certificate: server and client authentication. */
        TLS
    }

    private static final AlgorithmIdentifier ECDSA_SHA256 = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Certificates() {
    }

    /** A self-signed root CA certificate. */
    public static Cert selfSigned(EcKey key, X500Name subject, Validity validity) {
        return issue(key, subject, key, subject, Kind.CA, List.of(), validity);
    }

    /** A certificate for {@code subjectKey}, signed by {@code issuer}'s key. */
    public static Cert issue(EcKey issuerKey, Cert issuer, EcKey subjectKey, X500Name subject, Kind kind, List<String> sans,
                             Validity validity) {
        if (!issuerKey.samePublic(EcKey.ofPublic(issuer.publicPoint()))) {
            throw new IllegalArgumentException("the issuer key does not match the issuer certificate " + issuer.subject());
        }
        return issue(issuerKey, issuer.subject(), subjectKey, subject, kind, sans, validity);
    }

    private static Cert issue(EcKey issuerKey, X500Name issuer, EcKey subjectKey, X500Name subject, Kind kind,
                              List<String> sans, Validity validity) {
        try {
            ExtensionsGenerator ext = new ExtensionsGenerator();
            switch (kind) {
                case CA -> {
                    ext.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                            | KeyUsage.keyCertSign | KeyUsage.cRLSign));
                    ext.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[]{KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}));
                    ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                }
                case SIGN -> {
                    ext.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                }
                case TLS -> {
                    ext.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                    ext.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
                    ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                }
            }
            ext.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(subjectKey.ski()));
            if (kind != Kind.CA) {
                ext.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(issuerKey.ski()));
            }
            if (!sans.isEmpty()) {
                ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                        sans.stream().map(Certificates::generalName).toArray(GeneralName[]::new)));
            }
            V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
            tbs.setSerialNumber(new ASN1Integer(serial(issuer, subject, subjectKey, kind, validity)));
            tbs.setSignature(ECDSA_SHA256);
            tbs.setIssuer(issuer);
            tbs.setStartDate(time(validity.notBefore()));
            tbs.setEndDate(time(validity.notAfter()));
            tbs.setSubject(subject);
            tbs.setSubjectPublicKeyInfo(subjectKey.publicKeyInfo());
            tbs.setExtensions(ext.generate());
            TBSCertificate t = tbs.generateTBSCertificate();
            byte[] signature = P256.sign(issuerKey.scalar(), t.getEncoded(ASN1Encoding.DER));
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(t);
            v.add(ECDSA_SHA256);
            v.add(new DERBitString(signature));
            return Cert.ofDer(new DERSequence(v).getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The serial number, derived from the content: a positive 127-bit prefix of SHA-256 over issuer, subject, key,
     * kind and validity. Unique per issuer as long as subject keys are.
     */
    static BigInteger serial(X500Name issuer, X500Name subject, EcKey key, Kind kind, Validity validity) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write(issuer.getEncoded(ASN1Encoding.DER));
        content.write(subject.getEncoded(ASN1Encoding.DER));
        content.write(key.publicKeyInfo().getEncoded(ASN1Encoding.DER));
        content.write(kind.name().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        content.write((validity.notBefore() + "/" + validity.notAfter()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] h = Arrays.copyOf(P256.sha256(content.toByteArray()), 16);
        h[0] &= 0x7f;
        BigInteger serial = new BigInteger(1, h);
        return serial.signum() == 0 ? BigInteger.ONE : serial;
    }

    /** RFC 5280: UTCTime through 2049, GeneralizedTime from 2050 (BouncyCastle's Time picks it), whole seconds. */
    private static Time time(java.time.Instant instant) {
        return new Time(new Date(instant.getEpochSecond() * 1000L), Locale.ROOT);
    }

    private static GeneralName generalName(String san) {
        if (IPV4.matcher(san).matches() || san.contains(":")) return new GeneralName(GeneralName.iPAddress, san);
        return new GeneralName(GeneralName.dNSName, san);
    }

    static String ipText(GeneralName n) {
        byte[] b = ASN1OctetString.getInstance(n.getName()).getOctets();
        try {
            return InetAddress.getByAddress(b).getHostAddress();
        } catch (UnknownHostException e) {
            return java.util.HexFormat.of().formatHex(b);
        }
    }
}
