package io.orca.platform.ethereum;

import io.orca.model.Secret;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.WNafUtil;
import org.bouncycastle.util.BigIntegers;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A Besu node key: a secp256k1 private key with its public key and address.
 *
 * <p>The private key is only reachable as a {@link Secret} holding Besu's {@code key} file content,
 * {@code 0x} + 64 lower-case hex digits; {@link #toString()} shows the public half only.
 */
public final class NodeKey {
    private final Secret privateKey;
    private final NodePublicKey publicKey;
    private final Address address;

    private NodeKey(BigInteger d) {
        this(d, null);
    }

    /** {@code q}: d·G when the caller already has it (the key pair generator computes it), else null. */
    private NodeKey(BigInteger d, ECPoint q) {
        BigInteger n = Secp256k1.DOMAIN.getN();
        if (d.signum() <= 0 || d.compareTo(n) >= 0) {
            throw new IllegalArgumentException("private key is out of range for secp256k1");
        }
        this.privateKey = Secret.of("0x" + String.format(Locale.ROOT, "%064x", d));
        ECPoint point = q != null ? q : new FixedPointCombMultiplier().multiply(Secp256k1.DOMAIN.getG(), d);
        this.publicKey = NodePublicKey.ofUncompressed(point.normalize().getEncoded(false));
        this.address = publicKey.address();
    }

    /** Generates a fresh key from {@code random} (inject a seeded one in tests only). */
    public static NodeKey generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(Secp256k1.DOMAIN, random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        // The generator has computed the public point already: a second multiplication would double the cost.
        return new NodeKey(((ECPrivateKeyParameters) pair.getPrivate()).getD(), ((ECPublicKeyParameters) pair.getPublic()).getQ());
    }

    /**
     * Draws a fresh private key from {@code random} now, with the same draws (so the same key) as {@link #generate};
     * the returned supplier computes the public key (the expensive EC multiplication) later, on any thread. Lets a
     * caller draw keys in a fixed order and derive them in parallel.
     */
    public static Supplier<NodeKey> draw(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        // BouncyCastle's ECKeyPairGenerator.generateKeyPair: uniform in [1, n) with a NAF weight of at least n/4 bits.
        BigInteger n = Secp256k1.DOMAIN.getN();
        int bits = n.bitLength();
        BigInteger d;
        do {
            d = BigIntegers.createRandomBigInteger(bits, random);
        } while (d.compareTo(BigInteger.ONE) < 0 || d.compareTo(n) >= 0 || WNafUtil.getNafWeight(d) < (bits >>> 2));
        BigInteger drawn = d;
        return () -> new NodeKey(drawn);
    }

    /** As {@link #fromPrivateKey}, with the public key computed by the returned supplier. */
    public static Supplier<NodeKey> deferred(Secret hex) {
        BigInteger d = parse(hex);
        return () -> new NodeKey(d);
    }

    /**
     * Loads a private key: 64 hex digits, optionally {@code 0x}-prefixed, surrounding whitespace ignored
     * (the content of Besu's {@code key} file). Error messages never echo the value.
     */
    public static NodeKey fromPrivateKey(Secret hex) {
        return new NodeKey(parse(hex));
    }

    private static BigInteger parse(Secret hex) {
        String h = Hex.strip(Objects.requireNonNull(hex, "private key").reveal().strip());
        if (!h.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("a private key must be 64 hex digits (32 bytes), optionally 0x-prefixed");
        }
        return new BigInteger(h, 16);
    }

    /** Besu's {@code key} file content: {@code 0x} + 64 lower-case hex digits. */
    public Secret privateKey() {
        return privateKey;
    }

    public NodePublicKey publicKey() {
        return publicKey;
    }

    public Address address() {
        return address;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeKey k && k.privateKey.equals(privateKey);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    @Override
    public String toString() {
        return "NodeKey[publicKey=" + publicKey + ", address=" + address + "]";
    }
}
