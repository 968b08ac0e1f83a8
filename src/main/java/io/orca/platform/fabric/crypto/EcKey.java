package io.orca.platform.fabric.crypto;

import io.orca.model.Secret;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Optional;

/**
 * A P-256 key: always its public point, and its private scalar when Orca holds it (a machine that only has what was
 * published in Git knows the public half only). {@link #toString()} never shows the private half.
 */
public final class EcKey {
    private static final AlgorithmIdentifier EC_P256 = new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
            SECObjectIdentifiers.secp256r1);

    private final BigInteger d;
    private final ECPoint q;

    private EcKey(BigInteger d, ECPoint q) {
        this.d = d;
        this.q = q.normalize();
    }

    public static EcKey ofPrivate(BigInteger d) {
        return new EcKey(d, P256.publicPoint(d));
    }

    public static EcKey ofPublic(ECPoint q) {
        return new EcKey(null, q);
    }

    /** Reads a PKCS#8 ("PRIVATE KEY") or SEC 1 ("EC PRIVATE KEY") PEM key; IllegalArgumentException if it is neither. */
    public static EcKey parsePrivate(Secret pem) {
        String text = pem.reveal();
        try {
            ECPrivateKey k;
            if (text.contains("-----BEGIN " + Pem.PRIVATE_KEY + "-----")) {
                PrivateKeyInfo info = PrivateKeyInfo.getInstance(Pem.decode(Pem.PRIVATE_KEY, text));
                if (!EC_P256.equals(info.getPrivateKeyAlgorithm())) throw new IllegalArgumentException("not a P-256 key");
                k = ECPrivateKey.getInstance(info.parsePrivateKey());
            } else {
                k = ECPrivateKey.getInstance(Pem.decode("EC PRIVATE KEY", text));
            }
            return ofPrivate(k.getKey());
        } catch (IOException | RuntimeException e) {
            // Never echo the key text.
            throw new IllegalArgumentException("not a P-256 private key in PEM form", e instanceof IllegalArgumentException ? null : e);
        }
    }

    public boolean hasPrivate() {
        return d != null;
    }

    public ECPoint point() {
        return q;
    }

    BigInteger scalar() {
        if (d == null) throw new IllegalStateException("the private half of this key is not held here");
        return d;
    }

    public Optional<BigInteger> privateScalar() {
        return Optional.ofNullable(d);
    }

    /** Fabric's key identifier, SHA-256 of the uncompressed point (the keystore file name Fabric looks for). */
    public byte[] ski() {
        return P256.ski(q);
    }

    public SubjectPublicKeyInfo publicKeyInfo() {
        return new SubjectPublicKeyInfo(EC_P256, P256.encode(q));
    }

    /** PKCS#8 PEM as Go's x509.MarshalPKCS8PrivateKey writes it (curve in the algorithm, public key included). */
    public Secret privatePem() {
        try {
            ECPrivateKey inner = new ECPrivateKey(256, scalar(), new DERBitString(P256.encode(q)), null);
            byte[] der = new PrivateKeyInfo(EC_P256, inner).getEncoded(ASN1Encoding.DER);
            return Secret.of(Pem.encode(Pem.PRIVATE_KEY, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean samePublic(EcKey other) {
        return q.equals(other.q);
    }

    @Override
    public String toString() {
        return "EcKey[P-256 " + java.util.HexFormat.of().formatHex(P256.encode(q)) + (d == null ? ", public only]" : "]");
    }
}
