package io.orca.platform.fabric;

import io.orca.platform.fabric.FabricTopology.Channel;
import io.orca.platform.fabric.FabricTopology.Org;
import io.orca.platform.fabric.FabricTopology.Participant;
import io.orca.platform.fabric.channel.ChannelSpec;
import io.orca.platform.fabric.channel.ConfigUpdates;
import io.orca.platform.fabric.channel.GenesisBlock;
import io.orca.platform.fabric.channel.ModPolicies;
import io.orca.platform.fabric.channel.UpdateEnvelope;
import io.orca.platform.fabric.crypto.OrganizationCrypto;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigUpdate;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.orca.plan.Values.map;

/**
 * Day 2 on a running channel (docs/decisions/0030): the configuration update that takes the channel from what it is
 * to what network.yaml now asks — organizations added ({@code org_status: new}) or removed ({@code delete}), anchor
 * peers added ({@code peerstatus: new}) — signed with the admin keys Orca holds.
 *
 * <p>The current configuration is derived from network.yaml, not read from the channel: the configuration Orca's own
 * genesis block would have for the participants marked existing or delete and the peers not marked new, every
 * element at version 0. That holds for a channel Orca created whose configuration nobody changed since; after an
 * earlier update the versions differ and the orderer refuses the update (its Job fails with the orderer's message).
 */
record ChannelConfigUpdates(FabricTopology topology, ChannelBlocks blocks, Map<String, OrganizationCrypto.Material> material) {

    /** One channel's update: which organization's channel release submits it, its values, and what to warn about. */
    record Planned(String channelId, String submitter, Map<String, Object> values, List<String> warnings) {
    }

    List<Planned> plan() {
        List<Planned> out = new ArrayList<>();
        for (Channel ch : topology.channels()) {
            if (ch.isNew()) continue;
            plan(ch).ifPresent(out::add);
        }
        return out;
    }

    private Optional<Planned> plan(Channel ch) {
        Channel before = ch.before();
        Channel after = ch.after();
        Optional<ChannelSpec> b = blocks.spec(before);
        Optional<ChannelSpec> a = blocks.spec(after);
        if (b.isEmpty() || a.isEmpty()) return Optional.empty(); // no orderer organization here: no configuration to derive
        Config current = GenesisBlock.config(b.get());
        Optional<ConfigUpdate> update = ConfigUpdates.compute(ch.id(), current, GenesisBlock.config(a.get()));
        if (update.isEmpty()) return Optional.empty();
        List<ModPolicies.Required> required = ModPolicies.required(current, update.get());
        Set<String> principals = ModPolicies.principals(current, required);

        // The submitter: an organization already in the channel, with peers there (its channel release exists),
        // the channel's creator first. `peer channel update` adds its admin's signature (in its cluster).
        Optional<Org> submitter = submitter(before, after);
        if (submitter.isEmpty()) {
            return Optional.of(new Planned(ch.id(), "", Map.of(), List.of("warning " + io.orca.diag.Rule.CHANNEL_UPDATE_UNSIGNED.id()
                    + " at channel '" + ch.name() + "': the configuration update cannot be submitted: no organization of this file "
                    + "that is already in the channel has peers there (hint: list an existing participant's peers in the channel)")));
        }
        List<UpdateEnvelope.Signer> signers = new ArrayList<>();
        Set<String> signedBy = new LinkedHashSet<>();
        List<String> unheld = new ArrayList<>();
        for (Participant p : before.participants()) {
            Optional<Org> org = topology.organization(p.org());
            if (org.isEmpty() || !principals.contains(org.get().mspId()) || signedBy.contains(org.get().mspId())) continue;
            OrganizationCrypto.Identity admin = material.get(org.get().name()).identity(FabricIdentities.ADMIN);
            if (admin.signKey().hasPrivate()) {
                signers.add(new UpdateEnvelope.Signer(org.get().mspId(), admin.signCert().pem(), admin.signKey()));
                signedBy.add(org.get().mspId());
            } else {
                unheld.add(org.get().mspId());
            }
        }
        Set<String> approving = new LinkedHashSet<>(signedBy);
        approving.add(submitter.get().mspId());
        boolean signed = ModPolicies.satisfied(current, required, approving);
        byte[] envelope = UpdateEnvelope.bytes(update.get(), signers);

        List<String> warnings = new ArrayList<>();
        if (!signed) {
            warnings.add("warning " + io.orca.diag.Rule.CHANNEL_UPDATE_UNSIGNED.id() + " at channel '" + ch.name() + "': the configuration update "
                    + "needs " + String.join(", ", required.stream().map(Object::toString).toList()) + "; Orca holds the admin keys of "
                    + (signedBy.isEmpty() ? "none of its organizations" : String.join(", ", signedBy))
                    + (unheld.isEmpty() ? "" : " but not of " + String.join(", ", unheld))
                    + " (hint: the update is delivered unsigned by them in ConfigMap "
                    + FabricPlanner.channelRelease(submitter.get().name(), ch.id()) + "-update; their admins sign it with 'peer channel signconfigtx' and "
                    + "submit it with 'peer channel update'; the Job waits for the change to appear)");
        }
        Map<String, Object> values = map("envelope", Base64.getEncoder().encodeToString(envelope), "submit", signed,
                "signedBy", new ArrayList<>(signedBy), "requires", required.stream().map(Object::toString).toList(),
                "expect", expectations(b.get(), a.get()));
        return Optional.of(new Planned(ch.id(), submitter.get().name(), values, warnings));
    }

    private Optional<Org> submitter(Channel before, Channel after) {
        List<Participant> order = new ArrayList<>();
        after.creator().flatMap(after::participant).ifPresent(order::add);
        order.addAll(after.participants());
        for (Participant p : order) {
            if (before.participant(p.org()).isEmpty()) continue;
            Optional<Org> org = topology.organization(p.org());
            if (org.isPresent() && p.peers().stream().anyMatch(cp -> org.get().peer(cp.name()).isPresent())) return org;
        }
        return Optional.empty();
    }

    /**
     * What the channel's configuration shows once the update is in, per organization whose group changes: present
     * with its anchor peers, or absent. The Job compares the live configuration with it (skip when already so).
     */
    private static List<Object> expectations(ChannelSpec before, ChannelSpec after) {
        Map<String, ChannelSpec.Organization> was = new LinkedHashMap<>();
        before.application().organizations().forEach(o -> was.put(o.mspId(), o));
        List<Object> out = new ArrayList<>();
        for (ChannelSpec.Organization o : after.application().organizations()) {
            ChannelSpec.Organization old = was.remove(o.mspId());
            if (old != null && old.equals(o)) continue;
            out.add(map("mspId", o.mspId(), "member", true, "anchorPeers", o.anchorPeers().stream().map(Object::toString).toList()));
        }
        for (String gone : was.keySet()) out.add(map("mspId", gone, "member", false, "anchorPeers", List.of()));
        return out;
    }
}
