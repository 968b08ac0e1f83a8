package io.orca.platform.tessera;

import io.orca.model.Secret;
import io.orca.plan.MaterialSource;
import io.orca.plan.SecretPlan;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.X25519KeyPairGenerator;
import org.bouncycastle.crypto.params.X25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/** Tessera's NaCl key pair (X25519), in the files {@code tessera -keygen} writes; kept across runs like node keys. */
public final class TesseraKeys {
    private TesseraKeys() {
    }

    /** The key pair of an earlier run when the source has it, else a new one drawn from {@code random}. */
    public static SecretPlan resolve(MaterialSource existing, String organization, String secretName, SecureRandom random) {
        return existing.find(organization, secretName).orElseGet(() -> {
            X25519KeyPairGenerator gen = new X25519KeyPairGenerator();
            gen.init(new X25519KeyGenerationParameters(random));
            AsymmetricCipherKeyPair pair = gen.generateKeyPair();
            String priv = Base64.getEncoder().encodeToString(((X25519PrivateKeyParameters) pair.getPrivate()).getEncoded());
            String pub = Base64.getEncoder().encodeToString(((X25519PublicKeyParameters) pair.getPublic()).getEncoded());
            String keyFile = "{\"type\":\"unlocked\",\"data\":{\"bytes\":\"" + priv + "\"}}";
            return new SecretPlan(secretName, new TreeMap<>(Map.of("tm.key", Secret.of(keyFile), "tm.pub", Secret.of(pub))),
                    new TreeMap<>(Map.of("tm.pub", pub)));
        });
    }
}
