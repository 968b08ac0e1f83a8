package io.orca.platform.fabric;

import io.orca.platform.fabric.FabricTopology.Channel;
import io.orca.platform.fabric.FabricTopology.ChannelPeer;
import io.orca.platform.fabric.FabricTopology.OrdererNode;
import io.orca.platform.fabric.FabricTopology.Org;
import io.orca.platform.fabric.FabricTopology.Participant;
import io.orca.platform.fabric.FabricTopology.PeerNode;
import io.orca.platform.fabric.channel.ChannelSpec;
import io.orca.platform.fabric.channel.Policy;
import io.orca.platform.fabric.crypto.OrganizationCrypto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The genesis block of each new channel, from network.yaml: the channel's orderer organizations (their orderers are
 * the raft consenters, their addresses the orderer endpoints) and its participants (their anchor peers), with
 * Bevel's policies — organizations' Readers, Writers and Endorsement {@code OR('<msp>.member')}, Admins
 * {@code OR('<msp>.admin')}, ImplicitMeta defaults above them — and platform.yaml's batching, raft options and
 * capabilities. Organizations outside this file cannot be in it (Orca has no MSP of theirs).
 */
record ChannelBlocks(FabricTopology topology, Endpoints endpoints, FabricDescriptor descriptor,
                     Map<String, OrganizationCrypto.Material> material) {
    /** The spec of a channel's genesis block; empty when no orderer organization of the channel is in this file. */
    Optional<ChannelSpec> spec(Channel ch) {
        List<ChannelSpec.Consenter> consenters = new ArrayList<>();
        List<ChannelSpec.Organization> ordererOrgs = new ArrayList<>();
        for (String name : ch.ordererOrgs()) {
            Optional<Org> org = topology.organization(name).filter(o -> !o.orderers().isEmpty());
            if (org.isEmpty() || ordererOrgs.stream().anyMatch(o -> o.name().equals(org.get().mspId()))) continue;
            List<String> addresses = new ArrayList<>();
            for (OrdererNode o : org.get().orderers()) {
                FabricTopology.HostPort at = endpoints.address(org.get(), o);
                String cert = material.get(name).identity(FabricIdentities.orderer(o.name())).tlsCert().pem();
                consenters.add(new ChannelSpec.Consenter(at.host(), at.port(), cert, cert));
                addresses.add(at.toString());
            }
            ordererOrgs.add(organization(org.get(), List.of(), addresses));
        }
        if (ordererOrgs.isEmpty()) return Optional.empty();
        List<ChannelSpec.Organization> appOrgs = new ArrayList<>();
        for (Participant p : ch.participants()) {
            Optional<Org> org = topology.organization(p.org());
            if (org.isEmpty() || appOrgs.stream().anyMatch(o -> o.name().equals(org.get().mspId()))) continue;
            List<ChannelSpec.HostPort> anchors = new ArrayList<>();
            for (ChannelPeer cp : p.peers()) {
                Optional<PeerNode> node = org.get().peer(cp.name());
                if (node.isEmpty() || !cp.anchor().orElse(node.get().anchor())) continue;
                FabricTopology.HostPort at = endpoints.address(org.get(), node.get());
                anchors.add(new ChannelSpec.HostPort(at.host(), at.port()));
            }
            appOrgs.add(organization(org.get(), anchors, List.of()));
        }
        Map<String, Policy> channel = meta();
        Map<String, Policy> orderer = meta();
        orderer.put("BlockValidation", Policy.implicitMeta("ANY Writers"));
        Map<String, Policy> application = meta();
        application.put("LifecycleEndorsement", Policy.implicitMeta("MAJORITY Endorsement"));
        application.put("Endorsement", Policy.implicitMeta("MAJORITY Endorsement"));
        return Optional.of(new ChannelSpec(ch.id(), descriptor.channelTimestamp(), channel, descriptor.capabilities("channel"),
                new ChannelSpec.Orderer(descriptor.batchTimeout(), descriptor.batchSize(), descriptor.raft(), consenters,
                        ordererOrgs, orderer, descriptor.capabilities("orderer")),
                new ChannelSpec.Application(appOrgs, application, descriptor.capabilities("application"), Map.of())));
    }

    /** How many application organizations' approvals a chaincode definition needs (MAJORITY Endorsement). */
    static int requiredApprovals(ChannelSpec spec) {
        return spec.application().organizations().size() / 2 + 1;
    }

    private ChannelSpec.Organization organization(Org org, List<ChannelSpec.HostPort> anchors, List<String> endpoints) {
        OrganizationCrypto.Material m = material.get(org.name());
        String ca = m.ca().cert().pem();
        ChannelSpec.Msp msp = new ChannelSpec.Msp(List.of(ca), List.of(m.tlsCa().cert().pem()), List.of(), Optional.of(ca));
        String id = org.mspId();
        Map<String, Policy> policies = new LinkedHashMap<>();
        policies.put("Readers", Policy.signature("OR('" + id + ".member')"));
        policies.put("Writers", Policy.signature("OR('" + id + ".member')"));
        policies.put("Admins", Policy.signature("OR('" + id + ".admin')"));
        policies.put("Endorsement", Policy.signature("OR('" + id + ".member')"));
        return new ChannelSpec.Organization(id, id, msp, policies, anchors, endpoints);
    }

    private static Map<String, Policy> meta() {
        Map<String, Policy> p = new LinkedHashMap<>();
        p.put("Readers", Policy.implicitMeta("ANY Readers"));
        p.put("Writers", Policy.implicitMeta("ANY Writers"));
        p.put("Admins", Policy.implicitMeta("MAJORITY Admins"));
        return p;
    }
}
