package io.orca.platform.fabric.crypto;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * ECDSA over NIST P-256 (secp256r1) with SHA-256, the curve of Fabric's default BCCSP. Signatures are deterministic
 * (RFC 6979) and low-S (Fabric's MSP "sanitizes" a certificate whose signature has a high S, which would change its
 * bytes), so that the same key signing the same bytes always gives the same signature.
 */
public final class P256 {
    static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
    static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());
    private static final BigInteger HALF_N = DOMAIN.getN().shiftRight(1);

    private P256() {
    }

    /** A private scalar drawn uniformly from [1, n) of {@code random}. */
    public static BigInteger draw(SecureRandom random) {
        BigInteger n = DOMAIN.getN();
        BigInteger d;
        do {
            d = BigIntegers.createRandomBigInteger(n.bitLength(), random);
        } while (d.signum() <= 0 || d.compareTo(n) >= 0);
        return d;
    }

    public static ECPoint publicPoint(BigInteger d) {
        if (d.signum() <= 0 || d.compareTo(DOMAIN.getN()) >= 0) throw new IllegalArgumentException("private key out of range for P-256");
        return new FixedPointCombMultiplier().multiply(DOMAIN.getG(), d).normalize();
    }

    /** The uncompressed point 04 || X || Y (65 bytes). */
    public static byte[] encode(ECPoint q) {
        return q.normalize().getEncoded(false);
    }

    public static ECPoint decode(byte[] point) {
        return CURVE.getCurve().decodePoint(point).normalize();
    }

    /** Fabric's key identifier (BCCSP SKI, cryptogen's SubjectKeyId): SHA-256 of the uncompressed point. */
    public static byte[] ski(ECPoint q) {
        return sha256(encode(q));
    }

    /** An ECDSA-with-SHA256 signature of {@code message}, DER SEQUENCE {r, s}, deterministic and low-S. */
    public static byte[] sign(BigInteger d, byte[] message) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(d, DOMAIN));
        BigInteger[] rs = signer.generateSignature(sha256(message));
        BigInteger s = rs[1].compareTo(HALF_N) > 0 ? DOMAIN.getN().subtract(rs[1]) : rs[1];
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(rs[0]));
        v.add(new ASN1Integer(s));
        try {
            return new DERSequence(v).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Verifies a DER signature made by {@link #sign}. */
    public static boolean verify(ECPoint q, byte[] message, byte[] derSignature) {
        org.bouncycastle.asn1.ASN1Sequence seq = org.bouncycastle.asn1.ASN1Sequence.getInstance(derSignature);
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(q, DOMAIN));
        return verifier.verifySignature(sha256(message), ASN1Integer.getInstance(seq.getObjectAt(0)).getValue(),
                ASN1Integer.getInstance(seq.getObjectAt(1)).getValue());
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
