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

import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

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
                        Address address, SecretPlan secret, Ports defaults) {
        boolean validator() {
            return service.group().equals("validators");
        }

        int p2pPort() {
            return service.port("p2p").orElse(defaults.get("p2p"));
        }

        Enode enode() {
            return Enode.of(publicKey, release + "." + namespace + ".svc.cluster.local", p2pPort());
        }

        /** The in-cluster P2P URL of this member's Tessera (the tessera chart's Service, on its P2P port). */
        String tesseraUrl() {
            return "http://" + release + "-tessera." + namespace + ".svc.cluster.local:" + defaults.get("tm_p2p");
        }
    }

    /** The default ports of platform.yaml ({@code default_ports}), used where network.yaml leaves a port out. */
    record Ports(Map<String, Integer> byName) {
        int get(String name) {
            Integer p = byName.get(name);
            if (p == null) throw new IllegalStateException("platforms/besu/platform.yaml has no default_ports." + name);
            return p;
        }
    }

    /** At most this many Tessera nodes bootstrap the others when config.tm_nodes is not set. */
    static final int TESSERA_BOOTSTRAP = 3;

    /**
     * Who peers with whom. Both lists stay bounded as the network grows (see docs/decisions/0009-bounded-peering.md):
     * static nodes are the validators (they need a full mesh; members follow the chain through them), bootnodes give
     * discovery an entry point, Tessera nodes start from a few known peers and discover the rest themselves.
     */
    private record Peering(List<String> staticNodes, List<String> bootnodes, List<String> tesseraSeeds) {
        /** A Tessera node's peers: the seeds minus its own URL. */
        List<String> tesseraPeers(Node n) {
            String self = n.tesseraUrl();
            return tesseraSeeds.stream().filter(u -> !u.equals(self)).toList();
        }
    }

    private static Peering peering(Network network, List<Node> nodes, boolean tessera) {
        List<String> validators = nodes.stream().filter(Node::validator).map(n -> n.enode().url()).sorted().toList();
        List<String> flagged = nodes.stream().filter(n -> n.service().flag("bootnode", false))
                .map(n -> n.enode().url()).sorted().toList();
        List<String> bootnodes = !flagged.isEmpty() ? flagged : !validators.isEmpty() ? validators
                // A file of members only (joining an existing network): its first nodes, so discovery has an entry point.
                : nodes.stream().limit(TESSERA_BOOTSTRAP).map(n -> n.enode().url()).sorted().toList();
        List<String> seeds = List.of();
        if (tessera) {
            List<Node> members = nodes.stream().filter(n -> !n.validator()).toList();
            List<String> tmNodes = tmNodes(network);
            seeds = tmNodes.isEmpty()
                    ? members.stream().limit(TESSERA_BOOTSTRAP).map(Node::tesseraUrl).sorted().toList()
                    : tmNodes.stream().map(u -> tmNode(u, members).map(Node::tesseraUrl).orElse(u)).distinct().sorted().toList();
        }
        return new Peering(validators, bootnodes, seeds);
    }

    private static List<String> tmNodes(Network network) {
        if (!(network.config().get("tm_nodes") instanceof List<?> l)) return List.of();
        return l.stream().filter(Objects::nonNull).map(String::valueOf).map(String::strip)
                .filter(u -> !u.isEmpty()).toList();
    }

    /**
     * The member node of this file a tm_nodes entry names, as ORCA-W004 reads it: the first label of the URL's host,
     * without a "-tessera" suffix, is a member's release name ({@code <org>-<node>}), or its service name when that
     * is unique among the members or the second label is its namespace. Anything else is a node outside this file.
     */
    private static Optional<Node> tmNode(String url, List<Node> members) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (host == null) return Optional.empty();
        String[] labels = host.toLowerCase(Locale.ROOT).split("\\.");
        String first = labels[0].endsWith("-tessera") ? labels[0].substring(0, labels[0].length() - "-tessera".length()) : labels[0];
        for (Node m : members) {
            if (m.release().equals(first)) return Optional.of(m);
        }
        List<Node> named = members.stream().filter(m -> m.service().name().equals(first)).toList();
        if (labels.length > 1) {
            List<Node> inNamespace = named.stream().filter(m -> m.namespace().equals(labels[1])).toList();
            if (inNamespace.size() == 1) return Optional.of(inNamespace.get(0));
        }
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    /**
     * A node with its identity: the key of an earlier run when the material source has it, otherwise a new one,
     * drawn from {@code random} now and derived when the supplier runs. A kept key whose public halves are stored
     * with it is not re-derived (an EC multiplication per node and run).
     */
    private static Supplier<Node> node(Organization org, Service s, String release, String ns, Optional<SecretPlan> known,
                                       SecureRandom random, Ports ports) {
        String secretName = release + "-nodekey";
        if (known.isPresent() && known.get().data().isEmpty()) {
            // Only the public half is known (the private key lives encrypted in Git): keep the identity.
            SecretPlan p = known.get();
            Node n = new Node(org, s, release, ns, NodePublicKey.parse(p.publicData().get("publicKey")),
                    Address.parse(p.publicData().get("address")), p, ports);
            return () -> n;
        }
        if (known.isPresent()) {
            SecretPlan p = known.get();
            NodePublicKey stored = storedPublicKey(p);
            if (stored != null && p.name().equals(secretName)) {
                Node n = new Node(org, s, release, ns, stored, stored.address(), p, ports);
                return () -> n;
            }
        }
        Supplier<NodeKey> key = known.map(p -> NodeKey.deferred(p.data().get(NODE_KEY))).orElseGet(() -> NodeKey.draw(random));
        return () -> {
            NodeKey k = key.get();
            SecretPlan secret = new SecretPlan(secretName, new TreeMap<>(Map.of(NODE_KEY, k.privateKey())),
                    new TreeMap<>(Map.of("address", k.address().toString(), "publicKey", k.publicKey().toString())));
            return new Node(org, s, release, ns, k.publicKey(), k.address(), secret, ports);
        };
    }

    @Override
    public DeploymentPlan plan(Network network, MaterialSource existing, SecureRandom random) {
        BesuDescriptor d = BesuDescriptor.load();
        String consensusName = d.consensus(String.valueOf(network.config().getOrDefault("consensus", "qbft")));
        Consensus consensus = Consensus.parse(consensusName);
        boolean tessera = "tessera".equals(String.valueOf(network.config().getOrDefault("transaction_manager", "none")));
        Ports ports = d.ports();

        // Keys are drawn in node order (the same random gives the same keys); their public halves, an EC
        // multiplication each, are computed in parallel.
        List<Supplier<Node>> pending = new ArrayList<>();
        for (Organization org : network.organizations()) {
            String ns = Names.namespace(platform(), org.name());
            for (Service s : org.services()) {
                if (!s.group().equals("validators") && !s.group().equals("peers")) continue;
                String release = Names.release(org.name(), s.name());
                pending.add(node(org, s, release, ns, existing.find(org.name(), release + "-nodekey"), random, ports));
            }
        }
        List<Node> nodes = pending.parallelStream().map(Supplier::get).toList();
        String genesis = genesis(network, consensus, nodes);
        Peering peering = peering(network, nodes, tessera);
        List<OrganizationPlan> plans = new ArrayList<>();
        for (Organization org : network.organizations()) {
            String ns = Names.namespace(platform(), org.name());
            List<ReleasePlan> releases = new ArrayList<>();
            List<SecretPlan> secrets = new ArrayList<>();
            String networkRelease = Names.release(org.name(), "network");
            Map<String, Object> netValues = new LinkedHashMap<>();
            netValues.put("genesis", genesis);
            netValues.put("staticNodes", peering.staticNodes());
            netValues.put("bootnodes", peering.bootnodes());
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
                Map<String, Object> nodePorts = new LinkedHashMap<>();
                nodePorts.put("p2p", n.p2pPort());
                nodePorts.put("rpc", n.service().port("rpc").orElse(ports.get("rpc")));
                nodePorts.put("ws", n.service().port("ws").orElse(ports.get("ws")));
                nodePorts.put("metrics", n.service().port("metrics").orElse(ports.get("metrics")));
                values.put("ports", nodePorts);
                values.put("metrics", ordered("enabled", n.service().enabled("metrics", false)));
                boolean member = !n.validator();
                if (member && tessera) {
                    String tmRelease = n.release() + "-tessera";
                    SecretPlan tmKeys = tesseraKeys(existing, org.name(), tmRelease + "-keys", random);
                    secrets.add(tmKeys);
                    int client = n.service().port("tm_clientport").orElse(ports.get("tm_client"));
                    values.put("privacy", ordered("enabled", true, "url", "http://" + tmRelease + ":" + client,
                            "publicKeySecret", ordered("name", tmKeys.name())));
                    Map<String, Object> tmValues = new LinkedHashMap<>();
                    tmValues.put("image", ordered("tag", d.tesseraTag(String.valueOf(network.config().getOrDefault("tm_version", "")))));
                    tmValues.put("keys", ordered("secretName", tmKeys.name()));
                    tmValues.put("ports", ordered("client", client));
                    tmValues.put("peers", peering.tesseraPeers(n));
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

    private static final Pattern PRIVATE_KEY = Pattern.compile("0x[0-9a-f]{64}");

    /**
     * The public key stored beside a kept private key, when the record is exactly what {@link #node} writes (Besu's
     * key file form, the public key on the curve, the address its keccak hash); otherwise null and the key is
     * re-derived. The private key is kept as it is either way, so identities never change.
     */
    private static NodePublicKey storedPublicKey(SecretPlan p) {
        Map<String, String> pub = p.publicData();
        if (!p.generated() || !SecretPlan.OPAQUE.equals(p.type()) || !p.data().keySet().equals(Set.of(NODE_KEY))
                || !pub.keySet().equals(Set.of("address", "publicKey"))
                || !PRIVATE_KEY.matcher(p.data().get(NODE_KEY).reveal()).matches()) {
            return null;
        }
        try {
            NodePublicKey key = NodePublicKey.parse(pub.get("publicKey"));
            return key.toString().equals(pub.get("publicKey")) && key.address().toString().equals(pub.get("address")) ? key : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Values maps keep insertion order: generated files must not depend on hash order. */
    private static Map<String, Object> ordered(Object... kv) {
        return io.orca.plan.Values.map(kv);
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

        Ports ports() {
            Map<String, Integer> out = new LinkedHashMap<>();
            map(raw, "default_ports").forEach((k, v) -> out.put(k, ((Number) v).intValue()));
            return new Ports(out);
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
