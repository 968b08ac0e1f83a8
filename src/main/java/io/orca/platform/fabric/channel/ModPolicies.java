package io.orca.platform.fabric.channel;

import com.google.protobuf.InvalidProtocolBufferException;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which policies of a channel's current configuration an update must satisfy, and whether a set of organization
 * admins' signatures satisfies them — as the orderer's configtx validator decides it: each modified element's
 * {@code mod_policy}, relative to its group (a group's own policies for a group, the holding group's for a value or
 * policy), evaluated over the signers. Signers here are organization admins (an admin is also a member of its MSP).
 */
public final class ModPolicies {
    private ModPolicies() {
    }

    /** A policy to satisfy: its path in the current configuration, e.g. {@code /Channel/Application/Admins}. */
    public record Required(List<String> group, String policy) {
        public Required {
            group = List.copyOf(group);
        }

        @Override
        public String toString() {
            return "/" + String.join("/", group) + "/" + policy;
        }
    }

    /** The policies the update's modified elements name, in the order first met. */
    public static List<Required> required(Config current, ConfigUpdate update) {
        Set<Required> out = new LinkedHashSet<>();
        for (ConfigUpdates.Modified m : ConfigUpdates.modified(update)) {
            ConfigGroup g = group(current, m.group()).orElseThrow(() -> new IllegalArgumentException(
                    "the update modifies /" + String.join("/", m.group()) + ", which the configuration does not have"));
            String modPolicy = switch (m.kind()) {
                case GROUP -> g.getModPolicy();
                case VALUE -> g.getValuesOrThrow(m.key()).getModPolicy();
                case POLICY -> g.getPoliciesOrThrow(m.key()).getModPolicy();
            };
            out.add(resolve(m.group(), modPolicy));
        }
        return List.copyOf(out);
    }

    /** Whether admins of {@code adminMsps} satisfy every required policy. */
    public static boolean satisfied(Config current, List<Required> required, Set<String> adminMsps) {
        return required.stream().allMatch(r -> evaluate(current, r.group(), r.policy(), adminMsps));
    }

    /** The MSP IDs the required policies name (through ImplicitMeta policies, every sub-group's), sorted. */
    public static Set<String> principals(Config current, List<Required> required) {
        Set<String> out = new java.util.TreeSet<>();
        for (Required r : required) collect(current, r.group(), r.policy(), out);
        return out;
    }

    private static void collect(Config config, List<String> path, String name, Set<String> out) {
        Optional<ConfigGroup> g = group(config, path);
        if (g.isEmpty() || !g.get().containsPolicies(name)) return;
        ConfigPolicy p = g.get().getPoliciesOrThrow(name);
        try {
            if (p.getPolicy().getType() == 1) {
                for (MSPPrincipal id : SignaturePolicyEnvelope.parseFrom(p.getPolicy().getValue()).getIdentitiesList()) {
                    if (id.getPrincipalClassification() == MSPPrincipal.Classification.ROLE) {
                        out.add(MSPRole.parseFrom(id.getPrincipal()).getMspIdentifier());
                    }
                }
            } else if (p.getPolicy().getType() == 3) {
                String sub = ImplicitMetaPolicy.parseFrom(p.getPolicy().getValue()).getSubPolicy();
                for (String child : g.get().getGroupsMap().keySet()) {
                    List<String> next = new ArrayList<>(path);
                    next.add(child);
                    collect(config, next, sub, out);
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("unreadable policy " + name + " at /" + String.join("/", path), e);
        }
    }

    private static Required resolve(List<String> group, String modPolicy) {
        if (modPolicy.startsWith("/")) {
            List<String> parts = List.of(modPolicy.substring(1).split("/"));
            return new Required(parts.subList(0, parts.size() - 1), parts.get(parts.size() - 1));
        }
        return new Required(group, modPolicy);
    }

    static Optional<ConfigGroup> group(Config config, List<String> path) {
        if (path.isEmpty() || !path.get(0).equals("Channel")) return Optional.empty();
        ConfigGroup g = config.getChannelGroup();
        for (String name : path.subList(1, path.size())) {
            if (!g.containsGroups(name)) return Optional.empty();
            g = g.getGroupsOrThrow(name);
        }
        return Optional.of(g);
    }

    /** Evaluates the policy {@code name} of the group at {@code path}; a missing policy is not satisfied. */
    public static boolean evaluate(Config config, List<String> path, String name, Set<String> adminMsps) {
        Optional<ConfigGroup> g = group(config, path);
        if (g.isEmpty() || !g.get().containsPolicies(name)) return false;
        ConfigPolicy p = g.get().getPoliciesOrThrow(name);
        try {
            return switch (p.getPolicy().getType()) {
                case 1 -> signature(SignaturePolicyEnvelope.parseFrom(p.getPolicy().getValue()), adminMsps);
                case 3 -> {
                    ImplicitMetaPolicy meta = ImplicitMetaPolicy.parseFrom(p.getPolicy().getValue());
                    int n = 0;
                    int total = g.get().getGroupsCount();
                    for (String child : g.get().getGroupsMap().keySet()) {
                        List<String> sub = new ArrayList<>(path);
                        sub.add(child);
                        if (evaluate(config, sub, meta.getSubPolicy(), adminMsps)) n++;
                    }
                    int threshold = switch (meta.getRule()) {
                        case ANY -> 1;
                        case ALL -> total;
                        case MAJORITY -> total / 2 + 1;
                        default -> Integer.MAX_VALUE;
                    };
                    yield n >= threshold;
                }
                default -> false;
            };
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("unreadable policy " + name + " at /" + String.join("/", path), e);
        }
    }

    /** Fabric's cauthdsl: each signature counts once, principals taken greedily in order. */
    private static boolean signature(SignaturePolicyEnvelope env, Set<String> adminMsps) throws InvalidProtocolBufferException {
        List<String> signers = new ArrayList<>(new java.util.TreeSet<>(adminMsps));
        return rule(env.getRule(), env, signers, new HashSet<>());
    }

    private static boolean rule(SignaturePolicy r, SignaturePolicyEnvelope env, List<String> signers, Set<Integer> used)
            throws InvalidProtocolBufferException {
        if (r.hasSignedBy()) {
            MSPPrincipal principal = env.getIdentities(r.getSignedBy());
            if (principal.getPrincipalClassification() != MSPPrincipal.Classification.ROLE) return false;
            MSPRole role = MSPRole.parseFrom(principal.getPrincipal());
            boolean adminMatches = role.getRole() == MSPRole.MSPRoleType.ADMIN || role.getRole() == MSPRole.MSPRoleType.MEMBER;
            for (int i = 0; i < signers.size(); i++) {
                if (!used.contains(i) && adminMatches && signers.get(i).equals(role.getMspIdentifier())) {
                    used.add(i);
                    return true;
                }
            }
            return false;
        }
        int verified = 0;
        for (SignaturePolicy sub : r.getNOutOf().getRulesList()) {
            Set<Integer> tentative = new HashSet<>(used);
            if (rule(sub, env, signers, tentative)) {
                used.addAll(tentative);
                verified++;
            }
        }
        return verified >= r.getNOutOf().getN();
    }
}
