package io.orca.platform.fabric;

import io.orca.model.Names;
import io.orca.model.Network;
import io.orca.plan.ReleasePlan;
import io.orca.plan.Values;
import io.orca.platform.fabric.FabricTopology.Chaincode;
import io.orca.platform.fabric.FabricTopology.Channel;
import io.orca.platform.fabric.FabricTopology.ChannelPeer;
import io.orca.platform.fabric.FabricTopology.OrdererNode;
import io.orca.platform.fabric.FabricTopology.Org;
import io.orca.platform.fabric.FabricTopology.Participant;
import io.orca.platform.fabric.FabricTopology.PeerNode;
import io.orca.platform.fabric.channel.ChannelSpec;
import io.orca.platform.fabric.crypto.OrganizationCrypto;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static io.orca.plan.Values.map;

/** The releases of one organization and their values (the charts' contract, docs/charts.md). */
record FabricReleases(Network network, FabricTopology topology, Endpoints endpoints, FabricDescriptor d,
                      Map<String, OrganizationCrypto.Material> material, Map<String, ChannelSpec> specs,
                      Map<String, String> genesis, Map<String, ChannelConfigUpdates.Planned> updates) {

    List<ReleasePlan> of(Org org) {
        List<ReleasePlan> out = new ArrayList<>();
        String msp = FabricPlanner.mspRelease(org.name());
        out.add(release(msp, "msp", mspValues(org), List.of(), org));
        for (OrdererNode o : org.orderers()) out.add(release(o.release(), "orderer", ordererValues(org, o), List.of(msp), org));
        for (PeerNode p : org.peers()) out.add(release(p.release(), "peer", peerValues(org, p), List.of(msp), org));
        Map<String, String> channelReleases = new LinkedHashMap<>();
        for (Channel ch : topology.channels()) {
            List<OrdererNode> orderers = genesis.containsKey(ch.id()) && ch.ordererOrgs().contains(org.name()) ? org.orderers() : List.of();
            List<PeerNode> peers = channelPeers(org, ch);
            if (orderers.isEmpty() && peers.isEmpty()) continue;
            String name = FabricPlanner.channelRelease(org.name(), ch.id());
            List<String> deps = new ArrayList<>(List.of(msp));
            orderers.forEach(o -> deps.add(o.release()));
            peers.forEach(p -> deps.add(p.release()));
            out.add(release(name, "channel", channelValues(org, ch, orderers, peers), deps, org));
            if (!peers.isEmpty()) channelReleases.put(ch.id(), name);
        }
        for (Chaincode cc : org.chaincodes()) {
            if (!cc.external() || cc.image().isEmpty()) continue; // source-built chaincode: ORCA-W051 when planning
            List<PeerNode> peers = org.peers().stream().filter(p -> p.chaincodes().stream().anyMatch(c -> c.name().equals(cc.name()))).toList();
            List<Channel> channels = topology.channels().stream()
                    .filter(ch -> channelReleases.containsKey(ch.id()) && ch.chaincodes().contains(cc.name())).toList();
            List<String> deps = new ArrayList<>(List.of(msp));
            peers.forEach(p -> deps.add(p.release()));
            channels.forEach(ch -> deps.add(channelReleases.get(ch.id())));
            out.add(release(FabricPlanner.chaincodeRelease(org.name(), cc.name()), "chaincode", chaincodeValues(org, cc, peers, channels),
                    deps, org));
        }
        return out;
    }

    private ReleasePlan release(String name, String component, Map<String, Object> values, List<String> deps, Org org) {
        if (!component.equals("msp")) Values.scheduling(org.model(), values);
        return new ReleasePlan(name, component, d.chart(component), d.chartVersion(component), values, deps);
    }

    private Map<String, Object> image(String component) {
        return map("repository", d.image(component), "tag", d.fabricTag(network.version()));
    }

    private Map<String, Object> mspValues(Org org) {
        OrganizationCrypto.Material m = material.get(org.name());
        Map<String, Object> trusted = new TreeMap<>();
        for (String other : dialed(org)) {
            topology.organization(other).ifPresent(o -> trusted.put(o.name(), material.get(o.name()).tlsCa().cert().pem()));
        }
        return map("mspId", org.mspId(), "caCert", m.ca().cert().pem(), "tlsCaCert", m.tlsCa().cert().pem(),
                "trustedTlsCaCerts", trusted);
    }

    /** The organizations whose TLS servers this one dials: itself, its channels' orderers, the endorsers it commits with. */
    private Set<String> dialed(Org org) {
        Set<String> out = new LinkedHashSet<>(List.of(org.name()));
        for (Channel ch : topology.channels()) {
            if (ch.participant(org.name()).isEmpty() && !ch.ordererOrgs().contains(org.name())) continue;
            out.addAll(ch.ordererOrgs());
            if (ch.creator().filter(org.name()::equals).isPresent()) out.addAll(endorserOrgs(ch));
        }
        return out;
    }

    private Map<String, Object> identity(String release) {
        return map("mspSecret", release + "-msp", "tlsSecret", release + "-tls");
    }

    private Map<String, Object> ordererValues(Org org, OrdererNode o) {
        return map("image", image("orderer"), "mspId", org.mspId(), "mspConfigMap", FabricPlanner.mspRelease(org.name()),
                "identity", identity(o.release()), "service", map("name", o.name()),
                "ports", map("grpc", o.port(), "admin", d.port("orderer_admin"), "operations", d.port("operations")));
    }

    private Map<String, Object> peerValues(Org org, PeerNode p) {
        PeerNode bootstrap = org.peers().stream().filter(x -> x != p).findFirst().orElse(p);
        return map("image", image("peer"),
                "couchdb", map("image", map("repository", d.couchdbRepository(), "tag", d.couchdbTag()),
                        "secretName", p.release() + "-couchdb"),
                "mspId", org.mspId(), "mspConfigMap", FabricPlanner.mspRelease(org.name()), "identity", identity(p.release()),
                "service", map("name", p.name()),
                "peer", map("address", endpoints.internal(org, p).toString(), "externalEndpoint", endpoints.address(org, p).toString(),
                        "gossipBootstrap", endpoints.internal(org, bootstrap).toString()),
                "ports", map("grpc", p.port(), "chaincode", d.port("chaincode"), "operations", d.port("operations"),
                        "couchdb", p.couchdbPort()));
    }

    private Map<String, Object> admin(Org org) {
        return map("mspId", org.mspId(), "mspConfigMap", FabricPlanner.mspRelease(org.name()),
                "mspSecret", org.name() + "-admin-msp", "tlsSecret", org.name() + "-admin-tls");
    }

    private Map<String, Object> waits() {
        return map("timeoutSeconds", d.jobTimeoutSeconds(), "intervalSeconds", d.jobIntervalSeconds());
    }

    /** The peers of this organization that network.yaml lists in the channel. */
    private static List<PeerNode> channelPeers(Org org, Channel ch) {
        Optional<Participant> p = ch.after().participant(org.name());
        if (p.isEmpty()) return List.of();
        List<PeerNode> out = new ArrayList<>();
        for (ChannelPeer cp : p.get().peers()) org.peer(cp.name()).filter(n -> !out.contains(n)).ifPresent(out::add);
        return out;
    }

    private Map<String, Object> channelValues(Org org, Channel ch, List<OrdererNode> orderers, List<PeerNode> peers) {
        Map<String, Object> v = map("image", image("tools"), "channel", ch.id(), "admin", admin(org));
        if (!orderers.isEmpty()) {
            v.put("genesisBlock", genesis.get(ch.id()));
            List<Object> list = new ArrayList<>();
            for (OrdererNode o : orderers) list.add(map("name", o.name(), "adminAddress", endpoints.admin(org, o).toString()));
            v.put("orderers", list);
        }
        if (!peers.isEmpty()) {
            List<Object> list = new ArrayList<>();
            for (PeerNode p : peers) list.add(map("name", p.name(), "address", endpoints.internal(org, p).toString()));
            v.put("peers", list);
            ordererFor(org, ch).ifPresent(o -> v.put("orderer", o));
        }
        ChannelConfigUpdates.Planned update = updates.get(ch.id());
        if (update != null && update.submitter().equals(org.name()) && v.containsKey("orderer")) v.put("update", update.values());
        v.put("wait", waits());
        return v;
    }

    /**
     * The orderer this organization's peers and admin talk to on a channel: the participant's ordererAddress when it
     * names an orderer of the file, else the channel's first orderer; with the TLS CA key of its organization.
     */
    private Optional<Map<String, Object>> ordererFor(Org org, Channel ch) {
        Optional<String> wanted = ch.participant(org.name()).flatMap(Participant::ordererAddress);
        Map<String, Object> first = null;
        for (String name : ch.ordererOrgs()) {
            Optional<Org> oo = topology.organization(name);
            if (oo.isEmpty()) continue;
            for (OrdererNode o : oo.get().orderers()) {
                String address = (oo.get() == org ? endpoints.internal(oo.get(), o) : endpoints.address(oo.get(), o)).toString();
                Map<String, Object> entry = map("address", address, "tlsCaKey", tlsCaKey(name));
                if (first == null) first = entry;
                if (wanted.isPresent() && (wanted.get().equalsIgnoreCase(endpoints.address(oo.get(), o).toString())
                        || wanted.get().equalsIgnoreCase(endpoints.internal(oo.get(), o).toString()))) {
                    return Optional.of(entry);
                }
            }
        }
        return Optional.ofNullable(first);
    }

    static String tlsCaKey(String org) {
        return "tlsca-" + org + ".pem";
    }

    private List<String> endorserOrgs(Channel ch) {
        List<String> named = ch.endorserOrgs().isEmpty() ? ch.after().participants().stream().map(Participant::org).toList() : ch.endorserOrgs();
        return named.stream().filter(n -> topology.organization(n).isPresent()).distinct().toList();
    }

    private Map<String, Object> chaincodeValues(Org org, Chaincode cc, List<PeerNode> peers, List<Channel> channels) {
        String service = "cc-" + Names.toDnsLabel(cc.name());
        int port = d.port("chaincode_server");
        ChaincodePackage pkg = ChaincodePackage.ccaas(cc.label(), service + "." + org.namespace() + ":" + port);
        String image = cc.image().orElseThrow();
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        String repository = colon > slash ? image.substring(0, colon) : image;
        String tag = colon > slash ? image.substring(colon + 1) : "";
        Map<String, Object> chaincode = map("name", cc.name(), "version", cc.version(), "sequence", cc.sequence(),
                "label", cc.label(), "packageId", pkg.packageId(), "package", Base64.getEncoder().encodeToString(pkg.bytes()),
                "endorsementPolicy", cc.endorsements(), "initRequired", cc.initRequired());
        List<Object> peerList = new ArrayList<>();
        for (PeerNode p : peers) peerList.add(map("name", p.name(), "address", endpoints.internal(org, p).toString()));
        List<Object> channelList = new ArrayList<>();
        for (Channel ch : channels) {
            boolean commit = ch.creator().filter(org.name()::equals).isPresent();
            Map<String, Object> c = map("id", ch.id(), "commit", commit);
            ordererFor(org, ch).ifPresent(o -> c.put("orderer", o));
            if (commit) {
                ChannelSpec spec = specs.get(ch.id());
                c.put("requiredApprovals", spec != null ? ChannelBlocks.requiredApprovals(spec) : ch.after().participants().size() / 2 + 1);
                List<Object> endorsers = new ArrayList<>();
                for (String e : endorserOrgs(ch)) {
                    Org eo = topology.organization(e).orElseThrow();
                    List<PeerNode> ps = channelPeers(eo, ch);
                    PeerNode p = ps.isEmpty() ? eo.peers().stream().findFirst().orElse(null) : ps.get(0);
                    if (p == null) continue;
                    String address = (eo == org ? endpoints.internal(eo, p) : endpoints.address(eo, p)).toString();
                    endorsers.add(map("address", address, "tlsCaKey", tlsCaKey(e)));
                }
                c.put("endorsers", endorsers);
            }
            channelList.add(c);
        }
        return map("image", image("tools"), "chaincode", chaincode,
                "server", map("image", map("repository", repository, "tag", tag), "serviceName", service, "port", port),
                "admin", admin(org), "peers", peerList, "channels", channelList, "wait", waits());
    }
}
