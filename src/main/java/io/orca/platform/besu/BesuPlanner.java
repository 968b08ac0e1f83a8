package io.orca.platform.besu;

import io.orca.model.Names;
import io.orca.model.Network;
import io.orca.model.Organization;
import io.orca.model.Platforms;
import io.orca.model.Service;
import io.orca.plan.DeploymentPlan;
import io.orca.plan.MaterialSource;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.PlatformPlanner;
import io.orca.plan.ReleasePlan;
import io.orca.plan.SecretPlan;
import io.orca.platform.ethereum.Address;
import io.orca.platform.besu.material.Consensus;
import io.orca.platform.ethereum.Enode;
import io.orca.platform.besu.material.Genesis;
import io.orca.platform.besu.material.GenesisSpec;
import io.orca.platform.ethereum.NodeKeySecret;
import io.orca.platform.ethereum.NodePublicKey;
import io.orca.platform.tessera.Tessera;
import io.orca.platform.tessera.TesseraKeys;
import io.orca.platform.tessera.TesseraPeers;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

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

    /**
     * Who peers with whom. Both lists stay bounded as the network grows (see docs/decisions/0009-bounded-peering.md):
     * static nodes are the validators (they need a full mesh; members follow the chain through them), bootnodes give
     * discovery an entry point, Tessera nodes start from a few known peers and discover the rest themselves
     * ({@link TesseraPeers}, shared with GoQuorum).
     */
    private record Peering(List<String> staticNodes, List<String> bootnodes, List<String> tesseraSeeds) {
        /** A Tessera node's peers: the seeds minus its own URL. */
        List<String> tesseraPeers(Node n) {
            return TesseraPeers.peersOf(tesseraSeeds, n.tesseraUrl());
        }
    }

    private static Peering peering(Network network, List<Node> nodes, boolean tessera) {
        List<String> validators = nodes.stream().filter(Node::validator).map(n -> n.enode().url()).sorted().toList();
        List<String> flagged = nodes.stream().filter(n -> n.service().flag("bootnode", false))
                .map(n -> n.enode().url()).sorted().toList();
        List<String> bootnodes = !flagged.isEmpty() ? flagged : !validators.isEmpty() ? validators
                // A file of members only (joining an existing network): its first nodes, so discovery has an entry point.
                : nodes.stream().limit(TesseraPeers.BOOTSTRAP).map(n -> n.enode().url()).sorted().toList();
        List<String> seeds = List.of();
        if (tessera) {
            List<TesseraPeers.Member> members = nodes.stream().filter(n -> !n.validator())
                    .map(n -> new TesseraPeers.Member(n.release(), n.service().name(), n.namespace(), n.tesseraUrl())).toList();
            seeds = TesseraPeers.seeds(TesseraPeers.configured(network.config()), members);
        }
        return new Peering(validators, bootnodes, seeds);
    }

    /** A node with its identity ({@link NodeKeySecret}: kept from earlier runs, or drawn now and derived later). */
    private static Supplier<Node> node(Organization org, Service s, String release, String ns, Optional<SecretPlan> known,
                                       SecureRandom random, Ports ports) {
        Supplier<NodeKeySecret.Identity> id = NodeKeySecret.resolve(release + "-nodekey", NODE_KEY, NodeKeySecret.Format.PREFIXED,
                known, random);
        return () -> {
            NodeKeySecret.Identity i = id.get();
            return new Node(org, s, release, ns, i.publicKey(), i.address(), i.secret(), ports);
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
                    SecretPlan tmKeys = TesseraKeys.resolve(existing, org.name(), tmRelease + "-keys", random);
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

    /** Values maps keep insertion order: generated files must not depend on hash order. */
    private static Map<String, Object> ordered(Object... kv) {
        return io.orca.plan.Values.map(kv);
    }

    private static void scheduling(Organization org, Map<String, Object> values) {
        io.orca.plan.Values.scheduling(org, values);
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
            return Tessera.imageTag(raw, version);
        }
    }
}
