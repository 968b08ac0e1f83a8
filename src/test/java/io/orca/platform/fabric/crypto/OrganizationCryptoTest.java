package io.orca.platform.fabric.crypto;

import io.orca.model.Secret;
import io.orca.plan.MaterialSource;
import io.orca.plan.SecretPlan;
import io.orca.render.Generated;
import io.orca.testing.Project;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Orca's Fabric crypto material: chains, key identifiers, key/certificate pairs, NodeOUs, SANs, stability. */
class OrganizationCryptoTest {
    static final Validity VALIDITY = new Validity(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z"));

    static OrganizationCrypto.Spec spec() {
        Subjects.Attributes base = Subjects.parse("/C=GB/ST=London/L=London/O=Carrier");
        String ns = "carrier-net";
        return new OrganizationCrypto.Spec("carrier", base.with("CN", "ca." + ns), base.with("CN", "tlsca." + ns),
                base.without("O"), List.of(
                new OrganizationCrypto.IdentitySpec("orderer0", NodeOus.Role.ORDERER, "orderer0." + ns,
                        List.of("orderer0", "orderer0." + ns, "orderer0." + ns + ".svc.cluster.local",
                                "orderer0.carrier-net.example.com"), "carrier-orderer0"),
                new OrganizationCrypto.IdentitySpec("peer0", NodeOus.Role.PEER, "peer0." + ns,
                        List.of("peer0", "peer0." + ns, "peer0." + ns + ".svc.cluster.local", "10.0.0.7"), "carrier-peer0"),
                new OrganizationCrypto.IdentitySpec("admin", NodeOus.Role.ADMIN, "Admin@" + ns, List.of(), "carrier-admin"),
                new OrganizationCrypto.IdentitySpec("user-user1", NodeOus.Role.CLIENT, "user1@" + ns, List.of(),
                        "carrier-user-user1")), VALIDITY);
    }

    static OrganizationCrypto.Material make(MaterialSource existing, long seed) {
        return OrganizationCrypto.prepare(spec(), existing, Generated.seeded(seed)).get();
    }

    static X509Certificate x509(Cert c) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(c.der()));
    }

    static PrivateKey jcaKey(Secret pem) throws Exception {
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Pem.decode(Pem.PRIVATE_KEY, pem.reveal())));
    }

    @Test
    void everyChainVerifiesToItsCaWithTheJdksVerifier() throws Exception {
        OrganizationCrypto.Material m = make(MaterialSource.NONE, 1);
        X509Certificate ca = x509(m.ca().cert());
        X509Certificate tlsCa = x509(m.tlsCa().cert());
        ca.verify(ca.getPublicKey());
        tlsCa.verify(tlsCa.getPublicKey());
        assertEquals(Integer.MAX_VALUE, ca.getBasicConstraints());
        for (OrganizationCrypto.Identity i : m.identities().values()) {
            X509Certificate sign = x509(i.signCert());
            X509Certificate tls = x509(i.tlsCert());
            sign.verify(ca.getPublicKey());
            tls.verify(tlsCa.getPublicKey());
            assertThrows(java.security.SignatureException.class, () -> sign.verify(tlsCa.getPublicKey()));
            assertEquals(-1, sign.getBasicConstraints());
            assertEquals(ca.getSubjectX500Principal(), sign.getIssuerX500Principal());
            assertEquals(tlsCa.getSubjectX500Principal(), tls.getIssuerX500Principal());
            sign.checkValidity(java.util.Date.from(Instant.parse("2030-01-01T00:00:00Z")));
            assertEquals("SHA256withECDSA", sign.getSigAlgName());
        }
    }

    @Test
    void subjectAndAuthorityKeyIdentifiersAreFabrics() {
        OrganizationCrypto.Material m = make(MaterialSource.NONE, 2);
        for (OrganizationCrypto.Authority a : List.of(m.ca(), m.tlsCa())) {
            assertArrayEquals(P256.sha256(P256.encode(a.cert().publicPoint())), a.cert().subjectKeyId());
            assertEquals(null, a.cert().authorityKeyId());
        }
        for (OrganizationCrypto.Identity i : m.identities().values()) {
            assertArrayEquals(m.ca().cert().subjectKeyId(), i.signCert().authorityKeyId());
            assertArrayEquals(m.tlsCa().cert().subjectKeyId(), i.tlsCert().authorityKeyId());
            assertArrayEquals(i.signKey().ski(), i.signCert().subjectKeyId());
            assertArrayEquals(i.tlsKey().ski(), i.tlsCert().subjectKeyId());
        }
    }

    @Test
    void eachPrivateKeyMatchesItsCertificate() throws Exception {
        OrganizationCrypto.Material m = make(MaterialSource.NONE, 3);
        Map<String, SecretPlan> secrets = byName(m.secrets());
        for (SecretPlan s : m.secrets()) {
            String keyField = s.data().keySet().stream().filter(k -> k.endsWith(".key") || k.equals("key.pem")).findFirst().orElseThrow();
            String certField = s.publicData().keySet().iterator().next();
            PrivateKey key = jcaKey(s.data().get(keyField));
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(s.publicData().get(certField).getBytes(StandardCharsets.US_ASCII)));
            Signature sig = Signature.getInstance("SHA256withECDSA");
            sig.initSign(key);
            sig.update("orca".getBytes(StandardCharsets.UTF_8));
            byte[] signature = sig.sign();
            sig.initVerify(cert.getPublicKey());
            sig.update("orca".getBytes(StandardCharsets.UTF_8));
            assertTrue(sig.verify(signature), s.name());
            assertEquals(s.publicData().get(certField), s.data().get(certField).reveal(), "the Secret carries its certificate too");
        }
        assertEquals(2 + 2 * 4, secrets.size());
        assertTrue(secrets.keySet().containsAll(List.of("carrier-ca", "carrier-tlsca", "carrier-peer0-msp", "carrier-peer0-tls",
                "carrier-orderer0-msp", "carrier-admin-msp", "carrier-admin-tls", "carrier-user-user1-msp")));
    }

    @Test
    void nodeOusAreInTheCertificatesAndTheMspConfig() throws Exception {
        OrganizationCrypto.Material m = make(MaterialSource.NONE, 4);
        Map<String, String> ou = Map.of("orderer0", "orderer", "peer0", "peer", "admin", "admin", "user-user1", "client");
        for (OrganizationCrypto.Identity i : m.identities().values()) {
            String dn = x509(i.signCert()).getSubjectX500Principal().getName();
            assertTrue(dn.contains("OU=" + ou.get(i.spec().id())), dn);
            assertTrue(dn.startsWith("CN=" + i.spec().commonName() + ","), dn);
        }
        String config = NodeOus.configYaml("cacerts/ca.pem");
        Map<String, Object> parsed = new org.yaml.snakeyaml.Yaml().load(config);
        @SuppressWarnings("unchecked")
        Map<String, Object> nodeOus = (Map<String, Object>) parsed.get("NodeOUs");
        assertEquals(Boolean.TRUE, nodeOus.get("Enable"));
        for (String role : List.of("Client", "Peer", "Admin", "Orderer")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> id = (Map<String, Object>) nodeOus.get(role + "OUIdentifier");
            assertEquals("cacerts/ca.pem", id.get("Certificate"));
            assertEquals(role.toLowerCase(java.util.Locale.ROOT), id.get("OrganizationalUnitIdentifier"));
        }
        // The same shape as cryptogen's (reference MSP trees): keys and values.
        Path reference = Project.dir().resolve("src/test/resources/reference/fabric/two-peer-orgs-raft/crypto-config/"
                + "peerOrganizations/org1-net/msp/config.yaml");
        String theirs = Files.readString(reference).replace("cacerts/ca.org1-net-cert.pem", "cacerts/ca.pem");
        assertEquals(new org.yaml.snakeyaml.Yaml().load(theirs), parsed);
    }

    @Test
    void tlsCertificatesCoverTheServiceNamesAndExternalAddresses() throws Exception {
        OrganizationCrypto.Material m = make(MaterialSource.NONE, 5);
        X509Certificate peer = x509(m.identity("peer0").tlsCert());
        List<String> names = new ArrayList<>();
        for (List<?> san : peer.getSubjectAlternativeNames()) names.add(String.valueOf(san.get(1)));
        assertEquals(List.of("peer0", "peer0.carrier-net", "peer0.carrier-net.svc.cluster.local", "10.0.0.7"), names);
        Collection<List<?>> orderer = x509(m.identity("orderer0").tlsCert()).getSubjectAlternativeNames();
        assertTrue(orderer.stream().anyMatch(l -> l.get(1).equals("orderer0.carrier-net.example.com")));
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), peer.getExtendedKeyUsage());
    }

    @Test
    void sameSeedSameBytesAndKeptMaterialIsKept() {
        OrganizationCrypto.Material first = make(MaterialSource.NONE, 6);
        OrganizationCrypto.Material again = make(MaterialSource.NONE, 6);
        assertEquals(first.secrets(), again.secrets(), "the same random gives the same keys and certificates");
        assertNotEquals(first.secrets(), make(MaterialSource.NONE, 7).secrets());

        // A later run with another random finds every key in the state folder: nothing changes.
        MaterialSource state = source(first.secrets(), false);
        assertEquals(first.secrets(), make(state, 99).secrets());

        // A machine with only what Git published keeps every certificate; its Secrets carry no private data.
        OrganizationCrypto.Material publicOnly = make(source(first.secrets(), true), 100);
        for (int i = 0; i < first.secrets().size(); i++) {
            assertEquals(first.secrets().get(i).publicData(), publicOnly.secrets().get(i).publicData());
            assertTrue(publicOnly.secrets().get(i).data().isEmpty());
        }
    }

    @Test
    void certificatesAreDeterministicForTheSameKeysAndInputs() {
        EcKey ca = EcKey.ofPrivate(P256.draw(Generated.seeded(8)));
        EcKey leaf = EcKey.ofPrivate(P256.draw(Generated.seeded(9)));
        Cert caCert = Certificates.selfSigned(ca, Subjects.parse("/C=GB/O=X/CN=ca.x").name(), VALIDITY);
        Cert a = Certificates.issue(ca, caCert, leaf, Subjects.parse("/CN=peer0.x").name(), Certificates.Kind.TLS, List.of("peer0"), VALIDITY);
        Cert b = Certificates.issue(ca, caCert, leaf, Subjects.parse("/CN=peer0.x").name(), Certificates.Kind.TLS, List.of("peer0"), VALIDITY);
        assertEquals(a, b);
        assertArrayEquals(a.der(), b.der());
        Cert other = Certificates.issue(ca, caCert, leaf, Subjects.parse("/CN=peer0.x").name(), Certificates.Kind.TLS, List.of("peer1"), VALIDITY);
        assertFalse(Arrays.equals(a.der(), other.der()));
        assertTrue(a.signedBy(ca.point()));
    }

    @Test
    void aChangedSanReissuesOnlyThatCertificate() {
        OrganizationCrypto.Material first = make(MaterialSource.NONE, 10);
        OrganizationCrypto.Spec s = spec();
        List<OrganizationCrypto.IdentitySpec> ids = new ArrayList<>(s.identities());
        OrganizationCrypto.IdentitySpec p = ids.get(1);
        ids.set(1, new OrganizationCrypto.IdentitySpec(p.id(), p.role(), p.commonName(), List.of("peer0", "peer0.carrier-net.other.example"), p.secretPrefix()));
        OrganizationCrypto.Spec changed = new OrganizationCrypto.Spec(s.organization(), s.caSubject(), s.tlsCaSubject(), s.leafBase(), ids, s.validity());
        OrganizationCrypto.Material m = OrganizationCrypto.prepare(changed, source(first.secrets(), false), Generated.seeded(11)).get();
        Map<String, SecretPlan> before = byName(first.secrets());
        Map<String, SecretPlan> after = byName(m.secrets());
        for (String name : before.keySet()) {
            if (name.equals("carrier-peer0-tls")) {
                assertNotEquals(before.get(name).publicData(), after.get(name).publicData());
                assertEquals(before.get(name).data().get(OrganizationCrypto.TLS_KEY), after.get(name).data().get(OrganizationCrypto.TLS_KEY));
            } else {
                assertEquals(before.get(name), after.get(name), name);
            }
        }
    }

    @Test
    void privateKeysNeverReachPublicData() {
        for (SecretPlan s : make(MaterialSource.NONE, 12).secrets()) {
            for (String v : s.publicData().values()) {
                assertFalse(v.contains("PRIVATE KEY"), s.name());
                assertTrue(v.startsWith("-----BEGIN CERTIFICATE-----\n") && v.endsWith("-----END CERTIFICATE-----\n"));
            }
            assertEquals("***", s.data().values().iterator().next().toString());
        }
    }

    @Test
    void readsCryptogensKeysAndWritesKeysTheJdkReads() throws Exception {
        Path dir = Project.dir().resolve("src/test/resources/reference/fabric/two-peer-orgs-raft/crypto-config/peerOrganizations/org1-net");
        EcKey caKey = EcKey.parsePrivate(Secret.of(Files.readString(dir.resolve("ca/priv_sk"))));
        Cert caCert = Cert.ofPem(Files.readString(dir.resolve("ca/ca.org1-net-cert.pem")));
        assertEquals(caCert.publicPoint(), caKey.point());
        assertArrayEquals(caKey.ski(), caCert.subjectKeyId(), "cryptogen's SKI is SHA-256 of the point, as Orca's");
        Cert peer = Cert.ofPem(Files.readString(dir.resolve("peers/peer0.org1-net/msp/signcerts/peer0.org1-net-cert.pem")));
        assertTrue(peer.signedBy(caCert.publicPoint()));
        assertArrayEquals(caCert.subjectKeyId(), peer.authorityKeyId());
        // Orca issues with cryptogen's CA key: the JDK verifies it.
        EcKey leaf = EcKey.ofPrivate(P256.draw(Generated.seeded(13)));
        Cert issued = Certificates.issue(caKey, caCert, leaf, Subjects.parse("/C=US/OU=peer/CN=peer9.org1-net").name(),
                Certificates.Kind.SIGN, List.of(), VALIDITY);
        x509(issued).verify(x509(caCert).getPublicKey());
        assertEquals(leaf.point(), EcKey.parsePrivate(leaf.privatePem()).point());
        jcaKey(leaf.privatePem());
    }

    static Map<String, SecretPlan> byName(List<SecretPlan> secrets) {
        Map<String, SecretPlan> out = new HashMap<>();
        for (SecretPlan s : secrets) out.put(s.name(), s);
        return out;
    }

    /** Secrets as an earlier run left them: whole (state folder) or only their public data (a repository's side files). */
    static MaterialSource source(List<SecretPlan> secrets, boolean publicOnly) {
        Map<String, SecretPlan> byName = new HashMap<>();
        for (SecretPlan s : secrets) {
            byName.put(s.name(), publicOnly ? new SecretPlan(s.name(), new TreeMap<>(), new TreeMap<>(s.publicData())) : s);
        }
        return MaterialSource.of(Map.of("carrier", byName));
    }
}
