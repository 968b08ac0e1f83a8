package io.orca.platform.fabric.crypto;

import io.orca.model.Secret;
import io.orca.plan.MaterialMissingException;
import io.orca.plan.MaterialSource;
import io.orca.plan.SecretPlan;
import org.bouncycastle.asn1.x500.X500Name;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The crypto material of one Fabric organization, as cryptogen lays it out but made by Orca: a CA and a TLS CA, and
 * per identity (orderer, peer, admin, user) an MSP enrollment key and certificate and a TLS key and certificate.
 *
 * <p>Stable across runs: every key an earlier run made comes back from the {@link MaterialSource} (private halves from
 * the state folder, or only the certificates a repository's side files published); only missing keys are drawn from
 * the random, in a fixed order. A kept certificate is reused while it still says what the input asks (subject, key,
 * issuer, SANs); otherwise it is issued again, and issuing is deterministic. Private keys only ever go into
 * {@link SecretPlan#data()}; certificates also into {@link SecretPlan#publicData()}.
 */
public final class OrganizationCrypto {
    /** Keys of the Secrets' data. */
    public static final String CA_KEY = "ca.key";
    public static final String CA_CERT = "ca.crt";
    public static final String MSP_KEY = "key.pem";
    public static final String MSP_CERT = "cert.pem";
    public static final String TLS_KEY = "tls.key";
    public static final String TLS_CERT = "tls.crt";

    /** One identity to make: its MSP role, CN, TLS SANs, and the prefix of its Secrets' names. */
    public record IdentitySpec(String id, NodeOus.Role role, String commonName, List<String> sans, String secretPrefix) {
        public IdentitySpec {
            sans = List.copyOf(sans);
        }

        public String mspSecret() {
            return secretPrefix + "-msp";
        }

        public String tlsSecret() {
            return secretPrefix + "-tls";
        }
    }

    /**
     * What the planner asks for one organization.
     *
     * @param caSubject   the enrollment CA's subject (its CN included)
     * @param tlsCaSubject the TLS CA's subject
     * @param leafBase    the attributes every node and user subject starts from (C, ST, L)
     */
    public record Spec(String organization, Subjects.Attributes caSubject, Subjects.Attributes tlsCaSubject,
                       Subjects.Attributes leafBase, List<IdentitySpec> identities, Validity validity) {
        public Spec {
            identities = List.copyOf(identities);
        }

        public String caSecret() {
            return organization + "-ca";
        }

        public String tlsCaSecret() {
            return organization + "-tlsca";
        }
    }

    /** A CA: its key (the private half only where Orca holds it) and its certificate. */
    public record Authority(EcKey key, Cert cert) {
    }

    /** A made identity. */
    public record Identity(IdentitySpec spec, EcKey signKey, Cert signCert, EcKey tlsKey, Cert tlsCert) {
    }

    /** The organization's material and the Secrets that carry it. */
    public record Material(Spec spec, Authority ca, Authority tlsCa, Map<String, Identity> identities, List<SecretPlan> secrets) {
        public Material {
            identities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(identities));
            secrets = List.copyOf(secrets);
        }

        public Identity identity(String id) {
            Identity i = identities.get(id);
            if (i == null) throw new IllegalArgumentException("no identity " + id + " in " + spec.organization());
            return i;
        }
    }

    private OrganizationCrypto() {
    }

    /**
     * Reads what the material source has and draws every missing key from {@code random} now, in a fixed order (CA,
     * TLS CA, then each identity's enrollment and TLS key); the returned supplier does the EC arithmetic and signing,
     * on any thread.
     */
    public static Supplier<Material> prepare(Spec spec, MaterialSource existing, SecureRandom random) {
        String org = spec.organization();
        Kept ca = Kept.of(existing.find(org, spec.caSecret()), CA_KEY, CA_CERT, random);
        Kept tlsCa = Kept.of(existing.find(org, spec.tlsCaSecret()), CA_KEY, CA_CERT, random);
        List<Kept[]> ids = new ArrayList<>();
        for (IdentitySpec i : spec.identities()) {
            ids.add(new Kept[]{Kept.of(existing.find(org, i.mspSecret()), MSP_KEY, MSP_CERT, random),
                    Kept.of(existing.find(org, i.tlsSecret()), TLS_KEY, TLS_CERT, random)});
        }
        return () -> {
            Authority caAuthority = authority(spec, ca, spec.caSubject().name(), spec.caSecret());
            Authority tlsAuthority = authority(spec, tlsCa, spec.tlsCaSubject().name(), spec.tlsCaSecret());
            Map<String, Identity> made = new LinkedHashMap<>();
            List<SecretPlan> secrets = new ArrayList<>();
            secrets.add(secret(spec.caSecret(), caAuthority.key(), caAuthority.cert(), CA_KEY, CA_CERT));
            secrets.add(secret(spec.tlsCaSecret(), tlsAuthority.key(), tlsAuthority.cert(), CA_KEY, CA_CERT));
            for (int n = 0; n < spec.identities().size(); n++) {
                IdentitySpec i = spec.identities().get(n);
                X500Name subject = spec.leafBase().with("OU", i.role().ou()).with("CN", i.commonName()).name();
                EcKey signKey = ids.get(n)[0].key();
                Cert signCert = leaf(spec, ids.get(n)[0], caAuthority, signKey, subject, Certificates.Kind.SIGN, List.of(), i.mspSecret());
                X500Name tlsSubject = spec.leafBase().with("CN", i.commonName()).name();
                EcKey tlsKey = ids.get(n)[1].key();
                Cert tlsCert = leaf(spec, ids.get(n)[1], tlsAuthority, tlsKey, tlsSubject, Certificates.Kind.TLS, i.sans(), i.tlsSecret());
                made.put(i.id(), new Identity(i, signKey, signCert, tlsKey, tlsCert));
                secrets.add(secret(i.mspSecret(), signKey, signCert, MSP_KEY, MSP_CERT));
                secrets.add(secret(i.tlsSecret(), tlsKey, tlsCert, TLS_KEY, TLS_CERT));
            }
            return new Material(spec, caAuthority, tlsAuthority, made, secrets);
        };
    }

    /** A key and certificate from the material source, or a key drawn now. */
    private record Kept(EcKey keptKey, BigInteger drawn, Cert cert) {
        static Kept of(Optional<SecretPlan> found, String keyField, String certField, SecureRandom random) {
            if (found.isEmpty()) return new Kept(null, P256.draw(random), null);
            SecretPlan s = found.get();
            Cert cert = certificate(s, certField);
            Secret key = s.data().get(keyField);
            if (key != null) return new Kept(EcKey.parsePrivate(key), null, cert);
            if (cert == null) {
                throw new MaterialMissingException("Secret " + s.name() + " holds neither the private key nor the certificate "
                        + "of its identity; remove it from the state folder to make a new identity");
            }
            // Only what Git published: the identity keeps its public key and certificate.
            return new Kept(EcKey.ofPublic(cert.publicPoint()), null, cert);
        }

        EcKey key() {
            return keptKey != null ? keptKey : EcKey.ofPrivate(drawn);
        }
    }

    private static Cert certificate(SecretPlan s, String field) {
        String pem = s.publicData().get(field);
        if (pem == null && s.data().get(field) != null) pem = s.data().get(field).reveal();
        if (pem == null) return null;
        try {
            return Cert.ofPem(pem);
        } catch (RuntimeException e) {
            return null; // unreadable: issued again
        }
    }

    private static Authority authority(Spec spec, Kept kept, X500Name subject, String secretName) {
        EcKey key = kept.key();
        if (kept.cert() != null && kept.cert().publicPoint().equals(key.point()) && kept.cert().subject().equals(subject)
                && kept.cert().issuer().equals(subject)) {
            return new Authority(key, kept.cert());
        }
        if (!key.hasPrivate()) return new Authority(key, kept.cert()); // cannot re-issue without the key: keep it
        return new Authority(key, Certificates.selfSigned(key, subject, spec.validity()));
    }

    private static Cert leaf(Spec spec, Kept kept, Authority issuer, EcKey key, X500Name subject, Certificates.Kind kind,
                             List<String> sans, String secretName) {
        Cert old = kept.cert();
        if (old != null && old.publicPoint().equals(key.point()) && old.subject().equals(subject)
                && old.issuer().equals(issuer.cert().subject()) && old.subjectAltNames().equals(sans)
                && old.signedBy(issuer.key().point())) {
            return old;
        }
        if (!key.hasPrivate() && old != null) return old; // public only: the encrypted Secret in Git holds this certificate
        if (!issuer.key().hasPrivate()) {
            throw new MaterialMissingException("cannot issue the certificate of " + secretName + " for organization "
                    + spec.organization() + ": the private key of its CA is not in the state folder of this machine (only its "
                    + "certificate, from Git); run Orca where the organization's state folder is, or copy it here");
        }
        return Certificates.issue(issuer.key(), issuer.cert(), key, subject, kind, sans, spec.validity());
    }

    private static SecretPlan secret(String name, EcKey key, Cert cert, String keyField, String certField) {
        TreeMap<String, Secret> data = new TreeMap<>();
        if (key.hasPrivate()) {
            data.put(keyField, key.privatePem());
            data.put(certField, Secret.of(cert.pem()));
        }
        return new SecretPlan(name, data, new TreeMap<>(Map.of(certField, cert.pem())));
    }
}
