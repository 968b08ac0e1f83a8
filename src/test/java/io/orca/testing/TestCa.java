package io.orca.testing;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;

/**
 * A throwaway private certificate authority for tests, and one server certificate it issued for
 * {@code IP:127.0.0.1} and {@code DNS:localhost} (EC P-256, valid from an hour ago for a day). Built in memory
 * with bcprov's ASN.1 classes (bcpkix is not on the classpath); nothing is written until asked.
 */
public final class TestCa {
    public static final String TRUST_STORE_PASSWORD = "orca-test-trust";

    private final KeyPair caKeys;
    private final X509Certificate caCert;
    private final KeyPair serverKeys;
    private final X509Certificate serverCert;

    private TestCa() throws GeneralSecurityException, IOException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        caKeys = g.generateKeyPair();
        serverKeys = g.generateKeyPair();
        X500Name ca = new X500Name("CN=Orca Test CA " + Long.toHexString(System.nanoTime()));
        caCert = issue(caKeys.getPublic(), ca, ca, caKeys.getPrivate(), null);
        GeneralNames san = new GeneralNames(new GeneralName[]{
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")});
        serverCert = issue(serverKeys.getPublic(), new X500Name("CN=localhost"), ca, caKeys.getPrivate(), san);
    }

    public static TestCa create() throws GeneralSecurityException, IOException {
        return new TestCa();
    }

    public X509Certificate caCertificate() {
        return caCert;
    }

    /** The server's SSL context: its key with the chain server certificate, CA certificate. */
    public SSLContext serverContext() throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "server".toCharArray();
        ks.setKeyEntry("server", serverKeys.getPrivate(), pw, new java.security.cert.Certificate[]{serverCert, caCert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
        return ctx;
    }

    /** Writes the CA certificate as PEM. */
    public Path writeCaPem(Path file) throws IOException, GeneralSecurityException {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(caCert.getEncoded());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n");
        return file;
    }

    /** Writes a PKCS#12 trust store holding only the CA certificate, password {@link #TRUST_STORE_PASSWORD}. */
    public Path writeTrustStore(Path file) throws IOException, GeneralSecurityException {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("orca-test-ca", caCert);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            ts.store(out, TRUST_STORE_PASSWORD.toCharArray());
        }
        return file;
    }

    private static X509Certificate issue(PublicKey subjectKey, X500Name subject, X500Name issuer, PrivateKey issuerKey,
                                         GeneralNames san) throws GeneralSecurityException, IOException {
        long now = System.currentTimeMillis();
        AlgorithmIdentifier alg = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(new BigInteger(63, new SecureRandom()).add(BigInteger.ONE)));
        tbs.setIssuer(issuer);
        tbs.setSubject(subject);
        tbs.setStartDate(new Time(new Date(now - 3_600_000L)));
        tbs.setEndDate(new Time(new Date(now + 86_400_000L)));
        tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(subjectKey.getEncoded()));
        tbs.setSignature(alg);
        ExtensionsGenerator ext = new ExtensionsGenerator();
        boolean isCa = san == null;
        ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (isCa) {
            ext.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            ext.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            ext.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            ext.addExtension(Extension.subjectAlternativeName, false, san);
        }
        tbs.setExtensions(ext.generate());
        TBSCertificate t = tbs.generateTBSCertificate();
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(issuerKey);
        s.update(t.getEncoded(ASN1Encoding.DER));
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(t);
        v.add(alg);
        v.add(new DERBitString(s.sign()));
        byte[] der = Certificate.getInstance(new DERSequence(v)).getEncoded(ASN1Encoding.DER);
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
