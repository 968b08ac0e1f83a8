package io.orca.platform.fabric;

import io.orca.model.Names;
import io.orca.model.Network;
import io.orca.model.Organization;
import io.orca.model.Service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Fabric network.yaml read into the plug-in's own records (the model keeps Fabric's sections as plain values):
 * organizations with their orderers, peers, chaincodes and users; channels with their orderer organizations,
 * participants and endorsers; and where each node is reached from other organizations.
 */
record FabricTopology(List<Org> organizations, List<Channel> channels, boolean proxied) {
    /** A node is reached through the proxy (Bevel's haproxy/ambassador/istio) unless env.proxy is none. */
    record Org(Organization model, String name, String namespace, String mspId, List<OrdererNode> orderers,
               List<PeerNode> peers, List<String> users) {
        List<Chaincode> chaincodes() {
            Map<String, Chaincode> byName = new LinkedHashMap<>();
            for (PeerNode p : peers) p.chaincodes().forEach(c -> byName.putIfAbsent(c.name(), c));
            return List.copyOf(byName.values());
        }

        Optional<PeerNode> peer(String name) {
            return peers.stream().filter(p -> p.name().equals(name)).findFirst();
        }
    }

    /** @param external the address other organizations dial (network.orderers' uri, else ordererAddress), if any */
    record OrdererNode(String name, String release, int port, Optional<String> external) {
    }

    record PeerNode(String name, String release, int port, int couchdbPort, boolean anchor, Optional<String> external,
                    List<Chaincode> chaincodes) {
    }

    /** A chaincode as a peer declares it (ORCA-E052 makes every declaration of a name agree). */
    record Chaincode(String name, String version, long sequence, boolean external, Optional<String> image, String endorsements,
                     boolean initRequired) {
        String label() {
            return name + "_" + version;
        }
    }

    /**
     * @param isNew true unless the channel runs already: Bevel's {@code channel_status: existing}, or a participant
     *              marked {@code org_status: existing} (Bevel's add-organization sample keeps {@code channel_status: new})
     */
    record Channel(String name, String id, boolean isNew, List<String> ordererOrgs, List<Participant> participants,
                   List<String> endorserOrgs, List<String> chaincodes) {
        /**
         * The channel as it runs before this file's change: the participants marked existing or delete, without the
         * peers marked new (so without new anchor peers).
         */
        Channel before() {
            List<Participant> kept = new ArrayList<>();
            for (Participant p : participants) {
                if (!p.status().equals("existing") && !p.status().equals("delete")) continue;
                kept.add(new Participant(p.org(), p.type(), p.status(), p.peers().stream().filter(cp -> !cp.status().equals("new")).toList(),
                        p.ordererAddress()));
            }
            return new Channel(name, id, isNew, ordererOrgs, kept, endorserOrgs, chaincodes);
        }

        /** The channel as this file wants it: without the participants marked delete. */
        Channel after() {
            return new Channel(name, id, isNew, ordererOrgs, participants.stream().filter(p -> !p.status().equals("delete")).toList(),
                    endorserOrgs, chaincodes);
        }

        Optional<Participant> participant(String org) {
            return participants.stream().filter(p -> p.org().equals(org)).findFirst();
        }

        /** The organization that commits chaincode definitions: the creator, else the first participant. */
        Optional<String> creator() {
            return participants.stream().filter(p -> p.type().equals("creator")).map(Participant::org).findFirst()
                    .or(() -> participants.stream().map(Participant::org).findFirst());
        }
    }

    /** @param status Bevel's org_status: new (the default), existing or delete */
    record Participant(String org, String type, String status, List<ChannelPeer> peers, Optional<String> ordererAddress) {
    }

    /** @param status Bevel's peerstatus: new, existing, or empty when not given */
    record ChannelPeer(String name, Optional<Boolean> anchor, Optional<String> peerAddress, String status) {
    }

    Optional<Org> organization(String name) {
        return organizations.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    static FabricTopology read(Network network, FabricDescriptor d) {
        String proxy = network.env().proxy();
        boolean proxied = proxy != null && !proxy.isEmpty() && !proxy.equals("none");
        Map<String, String> networkOrderers = new LinkedHashMap<>(); // "<org>/<name>" -> uri
        for (Map<String, Object> o : maps(network.sections().get("orderers"))) {
            networkOrderers.put(text(o, "org_name") + "/" + text(o, "name"), text(o, "uri"));
        }
        List<Org> orgs = new ArrayList<>();
        for (Organization org : network.organizations()) {
            String ns = Names.namespace("fabric", org.name());
            List<OrdererNode> orderers = new ArrayList<>();
            List<PeerNode> peers = new ArrayList<>();
            for (Service s : org.services()) {
                String release = Names.release(org.name(), s.name());
                if (s.group().equals("orderers")) {
                    Optional<String> external = Optional.ofNullable(networkOrderers.get(org.name() + "/" + s.name()))
                            .or(() -> s.text("ordererAddress"));
                    orderers.add(new OrdererNode(s.name(), release, s.port("grpc").orElse(d.port("orderer")), external));
                } else if (s.group().equals("peers")) {
                    List<Chaincode> chaincodes = new ArrayList<>();
                    for (Map<String, Object> cc : maps(s.attributes().get("chaincodes"))) chaincodes.add(chaincode(cc));
                    peers.add(new PeerNode(s.name(), release, s.port("grpc").orElse(d.port("peer")),
                            s.port("couchdb").orElse(d.port("couchdb")), "anchor".equals(s.text("type").orElse("")),
                            s.text("peerAddress"), chaincodes));
                }
            }
            List<String> users = new ArrayList<>();
            for (Map<String, Object> u : maps(org.attributes().get("users"))) {
                String id = text(u, "identity");
                if (!id.isEmpty()) users.add(id);
            }
            orgs.add(new Org(org, org.name(), ns, FabricNames.mspId(org.name()), orderers, peers, users));
        }
        List<Channel> channels = new ArrayList<>();
        for (Map<String, Object> c : maps(network.sections().get("channels"))) {
            String name = text(c, "channel_name");
            List<String> ordererOrgs = strings(c.get("orderers"));
            List<Participant> participants = new ArrayList<>();
            for (Map<String, Object> p : maps(c.get("participants"))) {
                List<ChannelPeer> peers = new ArrayList<>();
                for (Map<String, Object> cp : maps(p.get("peers"))) {
                    Optional<Boolean> anchor = Optional.ofNullable(cp.get("type")).map(t -> "anchor".equals(String.valueOf(t)));
                    peers.add(new ChannelPeer(text(cp, "name"), anchor, Optional.ofNullable(cp.get("peerAddress")).map(String::valueOf),
                            text(cp, "peerstatus")));
                }
                String status = text(p, "org_status");
                participants.add(new Participant(text(p, "name"), text(p, "type"), status.isEmpty() ? "new" : status, peers,
                        Optional.ofNullable(p.get("ordererAddress")).map(String::valueOf)));
            }
            List<String> endorsers = maps(c.get("endorsers")).stream().map(e -> text(e, "name")).toList();
            boolean running = "existing".equals(text(c, "channel_status"))
                    || participants.stream().anyMatch(p -> p.status().equals("existing"));
            channels.add(new Channel(name, FabricNames.channelId(name), !running,
                    ordererOrgs, participants, endorsers, strings(c.get("chaincodes"))));
        }
        return new FabricTopology(orgs, channels, proxied);
    }

    private static Chaincode chaincode(Map<String, Object> cc) {
        String seq = text(cc, "sequence");
        return new Chaincode(text(cc, "name"), text(cc, "version"), seq.isEmpty() ? 1 : Long.parseLong(seq),
                Boolean.TRUE.equals(cc.get("external_chaincode")), Optional.ofNullable(cc.get("image")).map(String::valueOf)
                .filter(s -> !s.isBlank()), text(cc, "endorsements"), Boolean.TRUE.equals(cc.get("init_required")));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object v) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (v instanceof List<?> l) for (Object i : l) if (i instanceof Map<?, ?> m) out.add((Map<String, Object>) m);
        return out;
    }

    static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) l.stream().filter(Objects::nonNull).forEach(i -> out.add(String.valueOf(i)));
        return out;
    }

    static String text(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? "" : String.valueOf(v);
    }

    /** A "host:port" address split; the port defaults when there is none (ORCA-E053 reports that case). */
    record HostPort(String host, int port) {
        static HostPort parse(String address, int defaultPort) {
            int colon = address.lastIndexOf(':');
            if (colon < 0) return new HostPort(address.toLowerCase(Locale.ROOT), defaultPort);
            return new HostPort(address.substring(0, colon).toLowerCase(Locale.ROOT), Integer.parseInt(address.substring(colon + 1)));
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
