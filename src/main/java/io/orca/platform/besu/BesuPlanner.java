package io.orca.platform.besu;

import io.orca.model.Names;
import io.orca.model.Network;
import io.orca.model.Organization;
import io.orca.model.Platforms;
import io.orca.model.Secret;
import io.orca.model.Service;
import io.orca.plan.DeploymentPlan;
import io.orca.plan.MaterialSource;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.PlatformPlanner;
import io.orca.plan.ReleasePlan;
import io.orca.plan.SecretPlan;
import io.orca.platform.besu.material.Address;
import io.orca.platform.besu.material.Consensus;
import io.orca.platform.besu.material.Enode;
import io.orca.platform.besu.material.Genesis;
import io.orca.platform.besu.material.GenesisSpec;
import io.orca.platform.besu.material.NodeKey;
import io.orca.platform.besu.material.NodePublicKey;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.X25519KeyPairGenerator;
import org.bouncycastle.crypto.params.X25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plans a Hyperledger Besu network: per organization one besu-network release (genesis, static nodes, bootnodes),
 * one besu-node release per validator and member, and a tessera release per member when the network uses Tessera.
 * Platform knowledge (images, charts, consensus names, default ports) comes from platforms/besu/platform.yaml.
 */
public final class BesuPlanner implements PlatformPlanner {
    public static final String NODE_KEY = "nodekey";

    @Override
    public String platform() {
        return "besu";
    }

    /** One node of the network with its identity. */
    private record Node(Organization org, Service service, String release, String namespace, NodePublicKey publicKey,
                        Address address, SecretPlan secret) {
        boolean validator() {
            return service.group().equals("validators");
        }

        int p2pPort() {
            return service.port("p2p").orElse(30303);
        }

        Enode enode() {
            return Enode.of(publicKey, release + "." + namespace + ".svc.cluster.local", p2pPort());
        }
    }

    @Override
    public DeploymentPlan plan(Network network, MaterialSource existing, SecureRandom random) {
        BesuDescriptor d = BesuDescriptor.load();
        String consensusName = d.consensus(String.valueOf(network.config().getOrDefault("consensus", "qbft")));
        Consensus consensus = Consensus.parse(consensusName);
        boolean tessera = "tessera".equals(String.valueOf(network.config().getOrDefault("transaction_manager", "none")));

        List<Node> nodes = new ArrayList<>();
        for (Organization org : network.organizations()) {
            String ns = Names.namespace(platform(), org.name());
            for (Service s : org.services()) {
                if (!s.group().equals("validators") && !s.group().equals("peers")) continue;
                String release = Names.release(org.name(), s.name());
                String secretName = release + "-nodekey";
                var known = existing.find(org.name(), secretName);
                if (known.isPresent() && known.get().data().isEmpty()) {
                    // Only the public half is known (the private key lives encrypted in Git): keep the identity.
                    SecretPlan p = known.get();
                    nodes.add(new Node(org, s, release, ns, NodePublicKey.parse(p.publicData().get("publicKey")),
                            Address.parse(p.publicData().get("address")), p));
                    continue;
                }
                NodeKey key = known.map(p -> NodeKey.fromPrivateKey(p.data().get(NODE_KEY)))
                        .orElseGet(() -> NodeKey.generate(random));
                SecretPlan secret = new SecretPlan(secretName, new TreeMap<>(Map.of(NODE_KEY, key.privateKey())),
                        new TreeMap<>(Map.of("address", key.address().toString(), "publicKey", key.publicKey().toString())));
                nodes.add(new Node(org, s, release, ns, key.publicKey(), key.address(), secret));
            }
        }

        String genesis = genesis(network, consensus, nodes);
        List<String> staticNodes = nodes.stream().map(n -> n.enode().url()).sorted().toList();
        List<String> bootnodes = nodes.stream().filter(n -> n.service().flag("bootnode", false))
                .map(n -> n.enode().url()).sorted().toList();

        List<OrganizationPlan> plans = new ArrayList<>();
        for (Organization org : network.organizations()) {
            String ns = Names.namespace(platform(), org.name());
            List<ReleasePlan> releases = new ArrayList<>();
            List<SecretPlan> secrets = new ArrayList<>();
            String networkRelease = Names.release(org.name(), "network");
            Map<String, Object> netValues = new LinkedHashMap<>();
            netValues.put("genesis", genesis);
            netValues.put("staticNodes", staticNodes);
            netValues.put("bootnodes", bootnodes);
            releases.add(new ReleasePlan(networkRelease, "network", d.chart("network"), d.chartVersion("network"), netValues, List.of()));
            for (Node n : nodes) {
                if (n.org() != org) continue;
                secrets.add(n.secret());
                List<String> depends = new ArrayList<>(List.of(networkRelease));
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("image", ordered("tag", d.imageTag(network.version())));
                values.put("node", ordered("role", n.validator() ? "validator" : "member", "consensus", consensusName,
                        "nodeKey", ordered("secretName", n.secret().name())));
                values.put("network", ordered("genesisConfigMap", networkRelease + "-genesis",
                        "peersConfigMap", networkRelease + "-peers"));
                Map<String, Object> ports = new LinkedHashMap<>();
                ports.put("p2p", n.p2pPort());
                ports.put("rpc", n.service().port("rpc").orElse(8545));
                ports.put("ws", n.service().port("ws").orElse(8546));
                ports.put("metrics", n.service().port("metrics").orElse(9545));
                values.put("ports", ports);
                values.put("metrics", ordered("enabled", n.service().enabled("metrics", false)));
                boolean member = !n.validator();
                if (member && tessera) {
                    String tmRelease = n.release() + "-tessera";
                    SecretPlan tmKeys = tesseraKeys(existing, org.name(), tmRelease + "-keys", random);
                    secrets.add(tmKeys);
                    int client = n.service().port("tm_clientport").orElse(8888);
                    values.put("privacy", ordered("enabled", true, "url", "http://" + tmRelease + ":" + client,
                            "publicKeySecret", ordered("name", tmKeys.name())));
                    List<String> peers = new ArrayList<>();
                    for (Node other : nodes) {
                        if (other == n || other.validator()) continue;
                        peers.add("http://" + other.release() + "-tessera." + other.namespace() + ".svc.cluster.local:9000");
                    }
                    Map<String, Object> tmValues = new LinkedHashMap<>();
                    tmValues.put("image", ordered("tag", d.tesseraTag(String.valueOf(network.config().getOrDefault("tm_version", "")))));
                    tmValues.put("keys", ordered("secretName", tmKeys.name()));
                    tmValues.put("ports", ordered("client", client));
                    tmValues.put("peers", peers.stream().sorted().toList());
                    scheduling(org, tmValues);
                    releases.add(new ReleasePlan(tmRelease, "tm", d.chart("tm"), d.chartVersion("tm"), tmValues, List.of()));
                    depends.add(tmRelease);
                }
                scheduling(org, values);
                releases.add(new ReleasePlan(n.release(), "node", d.chart("node"), d.chartVersion("node"), values, depends));
            }
            plans.add(new OrganizationPlan(org, ns, releases, secrets));
        }
        return new DeploymentPlan(network, plans);
    }

    /** Values maps keep insertion order: generated files must not depend on hash order. */
    private static Map<String, Object> ordered(Object... kv) {
        return io.orca.render.Manifests.map(kv);
    }

    private static void scheduling(Organization org, Map<String, Object> values) {
        if (!org.k8s().nodeSelector().isEmpty()) values.put("nodeSelector", new TreeMap<>(org.k8s().nodeSelector()));
        if (!org.k8s().tolerations().isEmpty()) {
            List<Map<String, Object>> tolerations = new ArrayList<>();
            for (Organization.Toleration t : org.k8s().tolerations()) {
                Map<String, Object> m = new LinkedHashMap<>();
                t.key().ifPresent(v -> m.put("key", v));
                t.operator().ifPresent(v -> m.put("operator", v));
                t.value().ifPresent(v -> m.put("value", v));
                t.effect().ifPresent(v -> m.put("effect", v));
                t.tolerationSeconds().ifPresent(v -> m.put("tolerationSeconds", v));
                tolerations.add(m);
            }
            values.put("tolerations", tolerations);
        }
    }

    private static String genesis(Network network, Consensus consensus, List<Node> nodes) {
        Object chainId = network.config().getOrDefault("chain_id", 1337L);
        GenesisSpec.Builder b = GenesisSpec.builder(consensus, ((Number) chainId).longValue());
        List<Address> validators = nodes.stream().filter(Node::validator).map(n -> n.address()).toList();
        if (validators.isEmpty()) {
            // A file that only adds members to an existing network: its genesis is the existing one's. Until Orca
            // can import it, the members' own addresses keep the document well-formed.
            validators = nodes.stream().map(n -> n.address()).toList();
        }
        b.validators(validators);
        Object accounts = network.config().get("accounts");
        if (accounts instanceof List<?> l) b.prefundedAccounts(l.stream().map(String::valueOf).toList());
        return Genesis.toJson(b.build());
    }

    /** Tessera's NaCl key pair (X25519), in the files `tessera -keygen` writes. */
    private static SecretPlan tesseraKeys(MaterialSource existing, String org, String name, SecureRandom random) {
        return existing.find(org, name).orElseGet(() -> {
            X25519KeyPairGenerator gen = new X25519KeyPairGenerator();
            gen.init(new X25519KeyGenerationParameters(random));
            AsymmetricCipherKeyPair pair = gen.generateKeyPair();
            String priv = Base64.getEncoder().encodeToString(((X25519PrivateKeyParameters) pair.getPrivate()).getEncoded());
            String pub = Base64.getEncoder().encodeToString(((X25519PublicKeyParameters) pair.getPublic()).getEncoded());
            String keyFile = "{\"type\":\"unlocked\",\"data\":{\"bytes\":\"" + priv + "\"}}";
            return new SecretPlan(name, new TreeMap<>(Map.of("tm.key", Secret.of(keyFile), "tm.pub", Secret.of(pub))),
                    new TreeMap<>(Map.of("tm.pub", pub)));
        });
    }

    /** Reads platforms/besu/platform.yaml. */
    record BesuDescriptor(Map<String, Object> raw) {
        static BesuDescriptor load() {
            return new BesuDescriptor(Platforms.descriptor("besu"));
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> map(Map<String, Object> m, String key) {
            Object v = m == null ? null : m.get(key);
            return v instanceof Map<?, ?> mm ? (Map<String, Object>) mm : ordered();
        }

        String consensus(String name) {
            Object v = map(raw, "consensus").get(name);
            if (v == null) throw new IllegalArgumentException("consensus '" + name + "' is not supported for besu");
            return String.valueOf(v);
        }

        String chart(String component) {
            return String.valueOf(map(map(raw, "charts"), component).get("name"));
        }

        String chartVersion(String component) {
            return String.valueOf(map(map(raw, "charts"), component).get("version"));
        }

        String imageTag(String version) {
            Map<String, Object> v = map(map(raw, "versions"), version.isEmpty() ? String.valueOf(raw.get("default_version")) : version);
            return String.valueOf(v.getOrDefault("tag", version));
        }

        String tesseraTag(String version) {
            Map<String, Object> tm = map(map(raw, "transaction_managers"), "tessera");
            String v = version.isEmpty() || version.equals("null") ? String.valueOf(tm.get("default_version")) : version;
            return String.valueOf(map(map(tm, "versions"), v).getOrDefault("tag", v));
        }
    }
}
