package io.orca.platform.fabric.crypto;

import io.orca.plan.MaterialSource;
import io.orca.plan.SecretPlan;
import io.orca.render.Generated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second, independent verifier: OpenSSL (a prerequisite of the test cluster) checks Orca's chains with
 * {@code -x509_strict} (RFC 5280 profile checks) for the purposes Fabric uses them for, and reads the private keys.
 */
class OpenSslInteropTest {
    @Test
    void openSslVerifiesEveryChainStrictlyAndReadsEveryKey(@TempDir Path dir) throws Exception {
        OrganizationCrypto.Material m = OrganizationCrypto.prepare(OrganizationCryptoTest.spec(), MaterialSource.NONE,
                Generated.seeded(21)).get();
        Path ca = write(dir.resolve("ca.pem"), m.ca().cert().pem());
        Path tlsCa = write(dir.resolve("tlsca.pem"), m.tlsCa().cert().pem());
        for (OrganizationCrypto.Identity i : m.identities().values()) {
            Path sign = write(dir.resolve(i.spec().id() + "-sign.pem"), i.signCert().pem());
            Path tls = write(dir.resolve(i.spec().id() + "-tls.pem"), i.tlsCert().pem());
            assertEquals(sign + ": OK", openssl(dir, "verify", "-x509_strict", "-attime", "1893456000", "-CAfile", ca.toString(), sign.toString()));
            for (String purpose : List.of("sslserver", "sslclient")) {
                assertEquals(tls + ": OK", openssl(dir, "verify", "-x509_strict", "-purpose", purpose, "-CAfile", tlsCa.toString(), tls.toString()));
            }
        }
        for (SecretPlan s : m.secrets()) {
            String keyField = s.data().keySet().stream().filter(k -> !s.publicData().containsKey(k)).findFirst().orElseThrow();
            Path key = write(dir.resolve(s.name() + ".key"), s.data().get(keyField).reveal());
            String out = openssl(dir, "pkey", "-in", key.toString(), "-noout", "-text");
            assertTrue(out.contains("NIST CURVE: P-256"), out);
        }
    }

    private static Path write(Path p, String text) throws IOException {
        Files.writeString(p, text, StandardCharsets.US_ASCII);
        return p;
    }

    private static String openssl(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        return out;
    }
}
