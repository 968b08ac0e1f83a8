package io.orca.platform.fabric;

import io.orca.model.Names;
import io.orca.model.Network;
import io.orca.model.Secret;
import io.orca.plan.DeploymentPlan;
import io.orca.plan.MaterialSource;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.PlatformPlanner;
import io.orca.plan.ReleasePlan;
import io.orca.plan.SecretPlan;
import io.orca.platform.fabric.FabricTopology.Channel;
import io.orca.platform.fabric.FabricTopology.Org;
import io.orca.platform.fabric.FabricTopology.PeerNode;
import io.orca.platform.fabric.channel.ChannelSpec;
import io.orca.platform.fabric.channel.GenesisBlock;
import io.orca.platform.fabric.crypto.OrganizationCrypto;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Plans a Hyperledger Fabric 2.5 network (channel participation, raft). Per organization: its public MSP (fabric-msp),
 * one release per orderer and per peer (CouchDB beside it), one per channel it takes part in (the genesis block Orca
 * made, orderer and peer join Jobs; on a running channel, the configuration update network.yaml's day-2 markers ask
 * for, decision 0030), one per chaincode it runs as a service (install, approve, commit Jobs). Every
 * identity and every genesis block is made here, deterministically (docs/decisions/0019, 0020).
 */
public final class FabricPlanner implements PlatformPlanner {
    public static final String COUCHDB_USER = "username";
    public static final String COUCHDB_PASSWORD = "password";

    @Override
    public String platform() {
        return "fabric";
    }

    @Override
    public DeploymentPlan plan(Network network, MaterialSource existing, SecureRandom random) {
        FabricDescriptor d = FabricDescriptor.load();
        FabricTopology topology = FabricTopology.read(network, d);
        Endpoints endpoints = new Endpoints(topology, d);
        // Random draws happen here, in network.yaml order; the EC arithmetic and signing after, in parallel.
        List<Supplier<OrganizationCrypto.Material>> pending = new ArrayList<>();
        Map<String, List<SecretPlan>> couchdb = new LinkedHashMap<>();
        for (Org org : topology.organizations()) {
            pending.add(OrganizationCrypto.prepare(FabricIdentities.spec(org, endpoints, d), existing, random));
        }
        for (Org org : topology.organizations()) {
            List<SecretPlan> secrets = new ArrayList<>();
            for (PeerNode p : org.peers()) secrets.add(couchdbSecret(existing, org.name(), p.release() + "-couchdb", random));
            couchdb.put(org.name(), secrets);
        }
        Map<String, OrganizationCrypto.Material> material = new LinkedHashMap<>();
        List<OrganizationCrypto.Material> made = pending.parallelStream().map(Supplier::get).toList();
        for (int i = 0; i < made.size(); i++) material.put(topology.organizations().get(i).name(), made.get(i));

        ChannelBlocks blocks = new ChannelBlocks(topology, endpoints, d, material);
        Map<String, ChannelSpec> specs = new LinkedHashMap<>();
        for (Channel ch : topology.channels()) {
            if (ch.isNew()) blocks.spec(ch).ifPresent(s -> specs.put(ch.id(), s));
        }
        Map<String, String> genesis = new LinkedHashMap<>();
        specs.entrySet().parallelStream().map(e -> Map.entry(e.getKey(), Base64.getEncoder().encodeToString(GenesisBlock.bytes(e.getValue()))))
                .toList().forEach(e -> genesis.put(e.getKey(), e.getValue()));

        Map<String, ChannelConfigUpdates.Planned> updates = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (ChannelConfigUpdates.Planned u : new ChannelConfigUpdates(topology, blocks, material).plan()) {
            updates.put(u.channelId(), u);
            warnings.addAll(u.warnings());
        }
        FabricReleases releases = new FabricReleases(network, topology, endpoints, d, material, specs, genesis, updates);
        List<OrganizationPlan> plans = new ArrayList<>();
        for (Org org : topology.organizations()) {
            List<SecretPlan> secrets = new ArrayList<>(material.get(org.name()).secrets());
            secrets.addAll(couchdb.get(org.name()));
            plans.add(new OrganizationPlan(org.model(), org.namespace(), releases.of(org), secrets));
        }
        return new DeploymentPlan(network, plans, warnings);
    }

    /** CouchDB's admin credentials of a peer: generated once, kept like keys (the user name marks them in side files). */
    private static SecretPlan couchdbSecret(MaterialSource existing, String org, String name, SecureRandom random) {
        Optional<SecretPlan> kept = existing.find(org, name);
        if (kept.isPresent() && (kept.get().data().isEmpty() || kept.get().data().containsKey(COUCHDB_PASSWORD))) {
            SecretPlan k = kept.get();
            return new SecretPlan(name, k.data(), new TreeMap<>(Map.of(COUCHDB_USER, "couchdb")));
        }
        byte[] password = new byte[24];
        random.nextBytes(password);
        return new SecretPlan(name, new TreeMap<>(Map.of(COUCHDB_USER, Secret.of("couchdb"),
                COUCHDB_PASSWORD, Secret.of(HexFormat.of().formatHex(password)))), new TreeMap<>(Map.of(COUCHDB_USER, "couchdb")));
    }

    /** Release names: one per organization and channel, and per organization and chaincode. */
    static String channelRelease(String org, String channelId) {
        return Names.release(org, "ch-" + Names.toDnsLabel(channelId));
    }

    static String chaincodeRelease(String org, String chaincode) {
        return Names.release(org, "cc-" + Names.toDnsLabel(chaincode));
    }

    static String mspRelease(String org) {
        return Names.release(org, "msp");
    }
}
