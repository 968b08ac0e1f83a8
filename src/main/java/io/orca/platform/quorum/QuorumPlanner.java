package io.orca.platform.quorum;

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
import io.orca.plan.Values;
import io.orca.platform.ethereum.Address;
import io.orca.platform.ethereum.Enode;
import io.orca.platform.ethereum.NodeKeySecret;
import io.orca.platform.ethereum.NodePublicKey;
import io.orca.platform.quorum.QuorumGenesis.Consensus;
import io.orca.platform.tessera.Tessera;
import io.orca.platform.tessera.TesseraKeys;
import io.orca.platform.tessera.TesseraPeers;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Plans a GoQuorum network: per organization one quorum-network release (genesis, static nodes, permissioned nodes,
 * bootnodes), one quorum-node release per node (Bevel's {@code services.validators}, and {@code services.peers} of
 * {@code type: validator} or member), and, when the network uses Tessera, a tessera release per {@code peers} node.
 * Consensus: raft (every node a raft member, all of them in static-nodes.json in file order, which gives their raft
 * ids), ibft or qbft (the validators in the genesis extraData, a full mesh of static validators and discovery from the
 * bootnodes, as Besu does; decision 0009). Platform knowledge comes from platforms/quorum/platform.yaml.
 */
public final class QuorumPlanner implements PlatformPlanner {
    public static final String NODE_KEY = "nodekey";
    static final int DEFAULT_MAX_PEERS = 50;

    @Override
    public String platform() {
        return "quorum";
    }

    /** One node of the network with its identity. */
    private record Node(Organization org, Service service, String release, String namespace, NodePublicKey publicKey,
                        Address address, SecretPlan secret, Map<String, Integer> ports) {
        /** Runs BFT consensus: a Bevel validator, or a peer of {@code type: validator}. */
        boolean validator() {
            return service.group().equals("validators") || service.text("type").filter("validator"::equals).isPresent();
        }

        /** Gets a Tessera (Tessera's rule, ORCA-E023's too: the peers group). */
        boolean member() {
            return service.group().equals("peers");
        }

        int port(String key) {
            return service.port(key).orElse(ports.get(key));
        }

        String host() {
            return release + "." + namespace + ".svc.cluster.local";
        }

        /** The node's URL as static-nodes.json and permissioned-nodes.json list it. */
        String url(Consensus consensus) {
            Map<String, Object> ports = nodePorts(this, consensus);
            Enode enode = Enode.of(publicKey, host(), (Integer) ports.get("p2p"));
            // Raft: no discovery, and the raft port of the peer (GoQuorum reads it from the enode URL).
            return consensus == Consensus.RAFT ? enode.withDiscoveryPort(0).url() + "&raftport=" + ports.get("raft") : enode.url();
        }

        String tesseraUrl() {
            return "http://" + release + Tessera.RELEASE_SUFFIX + "." + namespace + ".svc.cluster.local:" + ports.get("tm_p2p");
        }
    }

    /**
     * Who peers with whom. {@code permissioned-nodes.json} is bounded as the other lists are (decision 0009): a raft
     * member, or an organization that runs validators, accepts every node; a members-only organization accepts the
     * validators, the bootnodes and its own nodes (members follow the chain through the validators). Every node
     * listing every node would be quadratic: 57 MB of output for 200 organizations of 5 nodes.
     */
    private record Peering(List<String> staticNodes, List<String> allNodes, List<String> bootnodes,
                           List<String> tesseraSeeds, int maxPeers, Consensus consensus, List<Node> nodes) {
        List<String> permissionedNodes(Organization org) {
            boolean validatorOrg = nodes.stream().anyMatch(n -> n.org() == org && n.validator());
            if (consensus == Consensus.RAFT || validatorOrg || staticNodes.isEmpty()) return allNodes;
            java.util.TreeSet<String> accepted = new java.util.TreeSet<>(staticNodes);
            accepted.addAll(bootnodes);
            nodes.stream().filter(n -> n.org() == org).forEach(n -> accepted.add(n.url(consensus)));
            return List.copyOf(accepted);
        }
    }

    private static Peering peering(Network network, Consensus consensus, List<Node> nodes, boolean tessera) {
        List<String> all = nodes.stream().map(n -> n.url(consensus)).toList();
        List<String> staticNodes;
        List<String> bootnodes;
        int maxPeers = DEFAULT_MAX_PEERS;
        if (consensus == Consensus.RAFT) {
            // Every node is a raft member and must list all of them, in the same order: their position is their raft
            // id. File order keeps ids when organizations are appended.
            staticNodes = all;
            bootnodes = List.of();
            maxPeers = Math.max(DEFAULT_MAX_PEERS, nodes.size() + 10);
        } else {
            staticNodes = nodes.stream().filter(Node::validator).map(n -> n.url(consensus)).sorted().toList();
            List<String> flagged = nodes.stream().filter(n -> n.service().flag("bootnode", false)).map(n -> n.url(consensus)).sorted().toList();
            bootnodes = !flagged.isEmpty() ? flagged : !staticNodes.isEmpty() ? staticNodes
                    : nodes.stream().limit(TesseraPeers.BOOTSTRAP).map(n -> n.url(consensus)).sorted().toList();
        }
        List<String> seeds = List.of();
        if (tessera) {
            List<TesseraPeers.Member> members = nodes.stream().filter(Node::member)
                    .map(n -> new TesseraPeers.Member(n.release(), n.service().name(), n.namespace(), n.tesseraUrl())).toList();
            seeds = TesseraPeers.seeds(TesseraPeers.configured(network.config()), members);
        }
        return new Peering(staticNodes, all.stream().sorted().toList(), bootnodes, seeds, maxPeers, consensus, nodes);
    }

    @Override
    public DeploymentPlan plan(Network network, MaterialSource existing, SecureRandom random) {
        Descriptor d = Descriptor.load();
        Consensus consensus = Consensus.parse(d.consensus(String.valueOf(network.config().getOrDefault("consensus", "raft"))));
        boolean tessera = "tessera".equals(String.valueOf(network.config().getOrDefault("transaction_manager", "none")));
        long chainId = ((Number) network.config().getOrDefault("chain_id", 1337L)).longValue();
        Map<String, Integer> ports = d.ports();

        // Keys are drawn in node order (the same random gives the same keys); their public halves are derived in parallel.
        List<Supplier<Node>> pending = new ArrayList<>();
        for (Organization org : network.organizations()) {
            String ns = Names.namespace(platform(), org.name());
            for (Service s : org.services()) {
                if (!s.group().equals("validators") && !s.group().equals("peers")) continue;
                String release = Names.release(org.name(), s.name());
                Supplier<NodeKeySecret.Identity> id = NodeKeySecret.resolve(release + "-nodekey", NODE_KEY,
                        NodeKeySecret.Format.PLAIN, existing.find(org.name(), release + "-nodekey"), random);
                pending.add(() -> {
                    NodeKeySecret.Identity i = id.get();
                    return new Node(org, s, release, ns, i.publicKey(), i.address(), i.secret(), ports);
                });
            }
        }
        List<Node> nodes = pending.parallelStream().map(Supplier::get).toList();
        String genesis = genesis(network, consensus, chainId, nodes);
        Peering peering = peering(network, consensus, nodes, tessera);
        boolean permissioned = permissioned(network);
        String tmTag = Tessera.imageTag(d.raw(), String.valueOf(network.config().getOrDefault("tm_version", "")));

        List<OrganizationPlan> plans = new ArrayList<>();
        for (Organization org : network.organizations()) {
            String ns = Names.namespace(platform(), org.name());
            List<ReleasePlan> releases = new ArrayList<>();
            List<SecretPlan> secrets = new ArrayList<>();
            String networkRelease = Names.release(org.name(), "network");
            releases.add(new ReleasePlan(networkRelease, "network", d.chart("network"), d.chartVersion("network"), Values.map(
                    "genesis", genesis, "staticNodes", peering.staticNodes(), "permissionedNodes", peering.permissionedNodes(org),
                    "bootnodes", peering.bootnodes()), List.of()));
            for (Node n : nodes) {
                if (n.org() != org) continue;
                secrets.add(n.secret());
                List<String> depends = new ArrayList<>(List.of(networkRelease));
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("image", Values.map("tag", d.imageTag(network.version())));
                values.put("node", Values.map("role", n.validator() ? "validator" : "member", "consensus", consensus.value(),
                        "networkId", chainId, "permissioned", permissioned, "maxPeers", peering.maxPeers(),
                        "nodeKey", Values.map("secretName", n.secret().name())));
                values.put("network", Values.map("genesisConfigMap", networkRelease + "-genesis",
                        "peersConfigMap", networkRelease + "-peers"));
                values.put("ports", nodePorts(n, consensus));
                values.put("metrics", Values.map("enabled", n.service().enabled("metrics", false)));
                if (n.member() && tessera) {
                    String tmRelease = n.release() + Tessera.RELEASE_SUFFIX;
                    SecretPlan tmKeys = TesseraKeys.resolve(existing, org.name(), tmRelease + "-keys", random);
                    secrets.add(tmKeys);
                    int client = n.service().section("transaction_manager").map(m -> m.get("clientport"))
                            .filter(Number.class::isInstance).map(c -> ((Number) c).intValue())
                            .or(() -> n.service().port("tm_clientport")).orElse(ports.get("tm_client"));
                    values.put("privacy", Values.map("enabled", true, "url", "http://" + tmRelease + ":" + client));
                    Map<String, Object> tmValues = new LinkedHashMap<>();
                    tmValues.put("image", Values.map("tag", tmTag));
                    tmValues.put("keys", Values.map("secretName", tmKeys.name()));
                    tmValues.put("ports", Values.map("client", client));
                    tmValues.put("peers", TesseraPeers.peersOf(peering.tesseraSeeds(), n.tesseraUrl()));
                    tmValues.put("mode", ""); // GoQuorum's own mode (Besu's is "orion")
                    Values.scheduling(org, tmValues);
                    releases.add(new ReleasePlan(tmRelease, "tm", d.chart("tm"), d.chartVersion("tm"), tmValues, List.of()));
                    depends.add(tmRelease);
                }
                Values.scheduling(org, values);
                releases.add(new ReleasePlan(n.release(), "node", d.chart("node"), d.chartVersion("node"), values, depends));
            }
            plans.add(new OrganizationPlan(org, ns, releases, secrets));
        }
        return new DeploymentPlan(network, plans);
    }

    /**
     * The node's container ports: network.yaml's, and defaults for the others that collide with none of them (Bevel's
     * GoQuorum samples give {@code rpc.port: 8546}, the default WebSocket port, and no {@code ws}: the WebSocket port
     * then moves to the next free one, since one Pod cannot listen twice on a port).
     */
    private static Map<String, Object> nodePorts(Node n, Consensus consensus) {
        List<String> keys = consensus == Consensus.RAFT ? List.of("p2p", "rpc", "ws", "raft", "metrics") : List.of("p2p", "rpc", "ws", "metrics");
        Map<String, Integer> out = new LinkedHashMap<>();
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        for (String k : keys) n.service().port(k).ifPresent(taken::add);
        for (String k : keys) {
            Optional<Integer> given = n.service().port(k);
            int port = given.orElse(n.ports().get(k));
            if (given.isEmpty()) {
                while (taken.contains(port)) port++;
                taken.add(port);
            }
            out.put(k, port);
        }
        return Values.map("p2p", out.get("p2p"), "rpc", out.get("rpc"), "ws", out.get("ws"), "raft", out.get("raft"),
                "metrics", out.get("metrics"));
    }

    /** Orca's {@code network.permissioning.enabled}, on unless said otherwise. */
    private static boolean permissioned(Network network) {
        return !(network.sections().get("permissioning") instanceof Map<?, ?> m) || !Boolean.FALSE.equals(m.get("enabled"));
    }

    private static String genesis(Network network, Consensus consensus, long chainId, List<Node> nodes) {
        List<Address> validators = List.of();
        if (consensus != Consensus.RAFT) {
            validators = nodes.stream().filter(Node::validator).map(Node::address).toList();
            // A file of members only (joining an existing network): its genesis is the existing one's. Until Orca can
            // import it, the members' own addresses keep the document well-formed, as for Besu.
            if (validators.isEmpty()) validators = nodes.stream().map(Node::address).toList();
        }
        List<Address> prefunded = new ArrayList<>();
        if (network.config().get("accounts") instanceof List<?> l) l.forEach(a -> prefunded.add(Address.parse(String.valueOf(a))));
        return QuorumGenesis.toJson(new QuorumGenesis.Spec(consensus, chainId, validators, prefunded, 5));
    }

    /** Reads platforms/quorum/platform.yaml. */
    record Descriptor(Map<String, Object> raw) {
        static Descriptor load() {
            return new Descriptor(Platforms.descriptor("quorum"));
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> map(Map<String, Object> m, String key) {
            Object v = m == null ? null : m.get(key);
            return v instanceof Map<?, ?> mm ? (Map<String, Object>) mm : Map.of();
        }

        String consensus(String name) {
            Object v = map(raw, "consensus").get(name);
            if (v == null) throw new IllegalArgumentException("consensus '" + name + "' is not supported for quorum");
            return String.valueOf(v);
        }

        Map<String, Integer> ports() {
            Map<String, Integer> out = new LinkedHashMap<>();
            map(raw, "default_ports").forEach((k, v) -> out.put(k, ((Number) v).intValue()));
            return out;
        }

        String chart(String component) {
            return String.valueOf(map(map(raw, "charts"), component).get("name"));
        }

        String chartVersion(String component) {
            return String.valueOf(map(map(raw, "charts"), component).get("version"));
        }

        String imageTag(String version) {
            String v = version.isEmpty() ? String.valueOf(raw.get("default_version")) : version;
            return String.valueOf(map(map(raw, "versions"), v).getOrDefault("tag", v));
        }

        /** The consensus protocols a GoQuorum version runs ({@code versions.<v>.consensus}). */
        List<String> consensusOf(String version) {
            String v = version.isEmpty() ? String.valueOf(raw.get("default_version")) : version;
            Object c = map(map(raw, "versions"), v).get("consensus");
            return c instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        }
    }
}
