package io.orca.platform.fabric.channel;

import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@link ConfigUpdate} that turns one channel configuration into another, computed as Fabric's
 * {@code configtxlator compute_update} does (internal/configtxlator/update): the read set names, at their current
 * versions, the elements the update depends on; the write set holds each changed element with its version bumped
 * and its new content, each new element at version 0, and each group whose members changed (added or removed) at
 * its version + 1 with all its kept members listed by version. Unchanged subtrees are left out.
 */
public final class ConfigUpdates {
    private ConfigUpdates() {
    }

    /** The update, or empty when the two configurations are the same. */
    public static Optional<ConfigUpdate> compute(String channelId, Config original, Config updated) {
        GroupDelta d = group(original.getChannelGroup(), updated.getChannelGroup());
        if (!d.changed) return Optional.empty();
        return Optional.of(ConfigUpdate.newBuilder().setChannelId(channelId).setReadSet(d.read).setWriteSet(d.write).build());
    }

    private record GroupDelta(ConfigGroup read, ConfigGroup write, boolean changed) {
    }

    private record MapDelta<T>(Map<String, T> read, Map<String, T> write, Map<String, T> same, boolean members) {
    }

    private static GroupDelta group(ConfigGroup original, ConfigGroup updated) {
        MapDelta<ConfigPolicy> p = policies(original.getPoliciesMap(), updated.getPoliciesMap());
        MapDelta<ConfigValue> v = values(original.getValuesMap(), updated.getValuesMap());
        MapDelta<ConfigGroup> g = groups(original.getGroupsMap(), updated.getGroupsMap());
        boolean membersChanged = p.members || v.members || g.members || !original.getModPolicy().equals(updated.getModPolicy());
        if (!membersChanged) {
            if (p.read.isEmpty() && p.write.isEmpty() && v.read.isEmpty() && v.write.isEmpty() && g.read.isEmpty() && g.write.isEmpty()) {
                ConfigGroup same = ConfigGroup.newBuilder().setVersion(original.getVersion()).build();
                return new GroupDelta(same, same, false);
            }
            // Only members' contents changed: the group itself keeps its version (no mod_policy of its own is used).
            return new GroupDelta(
                    ConfigGroup.newBuilder().setVersion(original.getVersion()).putAllPolicies(p.read).putAllValues(v.read).putAllGroups(g.read).build(),
                    ConfigGroup.newBuilder().setVersion(original.getVersion()).putAllPolicies(p.write).putAllValues(v.write).putAllGroups(g.write).build(),
                    true);
        }
        // Membership changed: the group's version goes up, and every member it keeps is named (by version) in both sets.
        Map<String, ConfigPolicy> rp = new TreeMap<>(p.read), wp = new TreeMap<>(p.write);
        Map<String, ConfigValue> rv = new TreeMap<>(v.read), wv = new TreeMap<>(v.write);
        Map<String, ConfigGroup> rg = new TreeMap<>(g.read), wg = new TreeMap<>(g.write);
        rp.putAll(p.same);
        wp.putAll(p.same);
        rv.putAll(v.same);
        wv.putAll(v.same);
        rg.putAll(g.same);
        wg.putAll(g.same);
        return new GroupDelta(
                ConfigGroup.newBuilder().setVersion(original.getVersion()).putAllPolicies(rp).putAllValues(rv).putAllGroups(rg).build(),
                ConfigGroup.newBuilder().setVersion(original.getVersion() + 1).putAllPolicies(wp).putAllValues(wv).putAllGroups(wg)
                        .setModPolicy(updated.getModPolicy()).build(),
                true);
    }

    private static MapDelta<ConfigPolicy> policies(Map<String, ConfigPolicy> original, Map<String, ConfigPolicy> updated) {
        Map<String, ConfigPolicy> write = new TreeMap<>(), same = new TreeMap<>();
        boolean members = false;
        for (Map.Entry<String, ConfigPolicy> e : new TreeMap<>(original).entrySet()) {
            ConfigPolicy o = e.getValue(), u = updated.get(e.getKey());
            if (u == null) {
                members = true;
            } else if (o.getModPolicy().equals(u.getModPolicy()) && o.getPolicy().equals(u.getPolicy())) {
                same.put(e.getKey(), ConfigPolicy.newBuilder().setVersion(o.getVersion()).build());
            } else {
                write.put(e.getKey(), ConfigPolicy.newBuilder().setVersion(o.getVersion() + 1).setModPolicy(u.getModPolicy())
                        .setPolicy(u.getPolicy()).build());
            }
        }
        for (Map.Entry<String, ConfigPolicy> e : new TreeMap<>(updated).entrySet()) {
            if (original.containsKey(e.getKey())) continue;
            members = true;
            write.put(e.getKey(), ConfigPolicy.newBuilder().setVersion(0).setModPolicy(e.getValue().getModPolicy())
                    .setPolicy(e.getValue().getPolicy()).build());
        }
        return new MapDelta<>(Map.of(), write, same, members);
    }

    private static MapDelta<ConfigValue> values(Map<String, ConfigValue> original, Map<String, ConfigValue> updated) {
        Map<String, ConfigValue> write = new TreeMap<>(), same = new TreeMap<>();
        boolean members = false;
        for (Map.Entry<String, ConfigValue> e : new TreeMap<>(original).entrySet()) {
            ConfigValue o = e.getValue(), u = updated.get(e.getKey());
            if (u == null) {
                members = true;
            } else if (o.getModPolicy().equals(u.getModPolicy()) && o.getValue().equals(u.getValue())) {
                same.put(e.getKey(), ConfigValue.newBuilder().setVersion(o.getVersion()).build());
            } else {
                write.put(e.getKey(), ConfigValue.newBuilder().setVersion(o.getVersion() + 1).setModPolicy(u.getModPolicy())
                        .setValue(u.getValue()).build());
            }
        }
        for (Map.Entry<String, ConfigValue> e : new TreeMap<>(updated).entrySet()) {
            if (original.containsKey(e.getKey())) continue;
            members = true;
            write.put(e.getKey(), ConfigValue.newBuilder().setVersion(0).setModPolicy(e.getValue().getModPolicy())
                    .setValue(e.getValue().getValue()).build());
        }
        return new MapDelta<>(Map.of(), write, same, members);
    }

    private static MapDelta<ConfigGroup> groups(Map<String, ConfigGroup> original, Map<String, ConfigGroup> updated) {
        Map<String, ConfigGroup> read = new TreeMap<>(), write = new TreeMap<>(), same = new TreeMap<>();
        boolean members = false;
        for (Map.Entry<String, ConfigGroup> e : new TreeMap<>(original).entrySet()) {
            ConfigGroup u = updated.get(e.getKey());
            if (u == null) {
                members = true;
                continue;
            }
            GroupDelta d = group(e.getValue(), u);
            if (!d.changed) {
                same.put(e.getKey(), d.read);
            } else {
                read.put(e.getKey(), d.read);
                write.put(e.getKey(), d.write);
            }
        }
        for (Map.Entry<String, ConfigGroup> e : new TreeMap<>(updated).entrySet()) {
            if (original.containsKey(e.getKey())) continue;
            members = true;
            GroupDelta d = group(ConfigGroup.getDefaultInstance(), e.getValue());
            write.put(e.getKey(), ConfigGroup.newBuilder().setVersion(0).setModPolicy(e.getValue().getModPolicy())
                    .putAllPolicies(d.write.getPoliciesMap()).putAllValues(d.write.getValuesMap()).putAllGroups(d.write.getGroupsMap()).build());
        }
        return new MapDelta<>(read, write, same, members);
    }

    /**
     * The elements an update modifies, as the orderer's configtx validator finds them (its delta set): every element of
     * the write set whose version differs from the read set's, by path ({@code /Channel/Application/org1MSP} for a
     * group, {@code .../org1MSP/values/AnchorPeers} style paths for values and policies). New elements (version 0, not
     * in the read set) need no policy of their own: the version bump of the group that gains them does.
     */
    public static List<Modified> modified(ConfigUpdate update) {
        List<Modified> out = new ArrayList<>();
        walk(List.of("Channel"), update.getReadSet(), update.getWriteSet(), true, out);
        return out;
    }

    /**
     * An element the update modifies: {@code group} is the path of the group (for a group: the group itself; for a
     * value or policy: the group holding it), {@code key} the value's or policy's name (empty for a group).
     */
    public record Modified(List<String> group, Kind kind, String key) {
        public Modified {
            group = List.copyOf(group);
        }

        public enum Kind { GROUP, VALUE, POLICY }
    }

    private static void walk(List<String> path, ConfigGroup read, ConfigGroup write, boolean inRead, List<Modified> out) {
        if (inRead && read.getVersion() != write.getVersion()) out.add(new Modified(path, Modified.Kind.GROUP, ""));
        for (Map.Entry<String, ConfigValue> e : new TreeMap<>(write.getValuesMap()).entrySet()) {
            ConfigValue r = inRead ? read.getValuesMap().get(e.getKey()) : null;
            if (r != null && r.getVersion() != e.getValue().getVersion()) out.add(new Modified(path, Modified.Kind.VALUE, e.getKey()));
            if (r == null && inRead && e.getValue().getVersion() != 0) out.add(new Modified(path, Modified.Kind.VALUE, e.getKey()));
        }
        for (Map.Entry<String, ConfigPolicy> e : new TreeMap<>(write.getPoliciesMap()).entrySet()) {
            ConfigPolicy r = inRead ? read.getPoliciesMap().get(e.getKey()) : null;
            if (r != null && r.getVersion() != e.getValue().getVersion()) out.add(new Modified(path, Modified.Kind.POLICY, e.getKey()));
            if (r == null && inRead && e.getValue().getVersion() != 0) out.add(new Modified(path, Modified.Kind.POLICY, e.getKey()));
        }
        for (Map.Entry<String, ConfigGroup> e : new TreeMap<>(write.getGroupsMap()).entrySet()) {
            ConfigGroup r = inRead ? read.getGroupsMap().get(e.getKey()) : null;
            List<String> child = new ArrayList<>(path);
            child.add(e.getKey());
            walk(child, r == null ? ConfigGroup.getDefaultInstance() : r, e.getValue(), r != null, out);
        }
    }
}
