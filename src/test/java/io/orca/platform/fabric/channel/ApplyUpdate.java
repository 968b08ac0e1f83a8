package io.orca.platform.fabric.channel;

import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigValue;

import java.util.Map;
import java.util.TreeSet;

/**
 * Test code: applies a ConfigUpdate to a configuration the way Fabric's orderer does (common/configtx: verify the read
 * set against the current versions, take the write set's elements whose version differs from the read set's as the
 * delta, require each modified element at its current version + 1 and each new one at 0, and rebuild the tree — a
 * group in the delta keeps exactly the members its write-set entry lists). Written from Fabric's rules, not from
 * {@link ConfigUpdates}, so that applying what ConfigUpdates computed can disagree with the expected configuration.
 * Throws IllegalStateException where the orderer would refuse the update.
 */
public final class ApplyUpdate {
    private ApplyUpdate() {
    }

    public static Config apply(Config current, ConfigUpdate update) {
        ConfigGroup root = group("/Channel", current.getChannelGroup(), update.getReadSet(), update.getWriteSet());
        return Config.newBuilder().setSequence(current.getSequence() + 1).setChannelGroup(root).build();
    }

    /** @param read the read set's entry for this group, or null when the read set does not name it */
    private static ConfigGroup group(String path, ConfigGroup cur, ConfigGroup read, ConfigGroup write) {
        if (read != null) {
            if (cur == null) throw new IllegalStateException(path + " is in the read set but not in the configuration");
            if (read.getVersion() != cur.getVersion()) {
                throw new IllegalStateException("read set has " + path + " at version " + read.getVersion() + ", it is " + cur.getVersion());
            }
        }
        boolean delta = read == null || read.getVersion() != write.getVersion();
        if (delta) {
            long expected = cur == null ? 0 : cur.getVersion() + 1;
            if (write.getVersion() != expected) {
                throw new IllegalStateException(path + " written at version " + write.getVersion() + ", must be " + expected);
            }
        }
        if (!delta) {
            for (String k : write.getGroupsMap().keySet()) if (!cur.containsGroups(k)) throw new IllegalStateException(path + "/" + k + " added without bumping " + path);
            for (String k : write.getValuesMap().keySet()) if (!cur.containsValues(k)) throw new IllegalStateException(path + "/values/" + k + " added without bumping " + path);
            for (String k : write.getPoliciesMap().keySet()) if (!cur.containsPolicies(k)) throw new IllegalStateException(path + "/policies/" + k + " added without bumping " + path);
        }
        ConfigGroup.Builder out = ConfigGroup.newBuilder()
                .setVersion(delta ? write.getVersion() : cur.getVersion())
                .setModPolicy(delta ? write.getModPolicy() : cur.getModPolicy());
        // Members: a group in the delta has exactly those its write-set entry lists; otherwise its current ones.
        for (String k : new TreeSet<>(delta ? write.getGroupsMap().keySet() : cur.getGroupsMap().keySet())) {
            ConfigGroup w = write.getGroupsMap().get(k);
            ConfigGroup c = cur == null ? null : cur.getGroupsMap().get(k);
            if (w == null) {
                out.putGroups(k, c);
            } else {
                out.putGroups(k, group(path + "/" + k, c, read == null ? null : read.getGroupsMap().get(k), w));
            }
        }
        for (String k : new TreeSet<>(delta ? write.getValuesMap().keySet() : cur.getValuesMap().keySet())) {
            ConfigValue w = write.getValuesMap().get(k);
            ConfigValue c = cur == null ? null : cur.getValuesMap().get(k);
            ConfigValue r = read == null ? null : read.getValuesMap().get(k);
            out.putValues(k, element(path + "/values/" + k, c, r == null ? null : r.getVersion(), w,
                    w == null ? 0 : w.getVersion(), c == null ? 0 : c.getVersion()));
        }
        for (String k : new TreeSet<>(delta ? write.getPoliciesMap().keySet() : cur.getPoliciesMap().keySet())) {
            ConfigPolicy w = write.getPoliciesMap().get(k);
            ConfigPolicy c = cur == null ? null : cur.getPoliciesMap().get(k);
            ConfigPolicy r = read == null ? null : read.getPoliciesMap().get(k);
            out.putPolicies(k, element(path + "/policies/" + k, c, r == null ? null : r.getVersion(), w,
                    w == null ? 0 : w.getVersion(), c == null ? 0 : c.getVersion()));
        }
        return out.build();
    }

    /** A value or policy: the current one unless the write set changes it (version checked as the orderer does). */
    private static <T> T element(String path, T cur, Long readVersion, T write, long writeVersion, long curVersion) {
        if (readVersion != null && (cur == null || readVersion != curVersion)) {
            throw new IllegalStateException("read set has " + path + " at version " + readVersion + ", it is " + (cur == null ? "absent" : curVersion));
        }
        if (write == null) {
            if (cur == null) throw new IllegalStateException(path + " is listed but neither in the write set nor in the configuration");
            return cur;
        }
        if (readVersion != null && readVersion == writeVersion) {
            if (cur == null) throw new IllegalStateException(path + " is kept but not in the configuration");
            return cur; // named, unchanged
        }
        long expected = cur == null ? 0 : curVersion + 1;
        if (writeVersion != expected) throw new IllegalStateException(path + " written at version " + writeVersion + ", must be " + expected);
        return write;
    }

    /** The same configuration with every version set to 0 and the sequence to 0, to compare contents. */
    public static Config withoutVersions(Config c) {
        return Config.newBuilder().setChannelGroup(strip(c.getChannelGroup())).build();
    }

    private static ConfigGroup strip(ConfigGroup g) {
        ConfigGroup.Builder b = g.toBuilder().setVersion(0).clearGroups().clearValues().clearPolicies();
        for (Map.Entry<String, ConfigGroup> e : g.getGroupsMap().entrySet()) b.putGroups(e.getKey(), strip(e.getValue()));
        for (Map.Entry<String, ConfigValue> e : g.getValuesMap().entrySet()) b.putValues(e.getKey(), e.getValue().toBuilder().setVersion(0).build());
        for (Map.Entry<String, ConfigPolicy> e : g.getPoliciesMap().entrySet()) b.putPolicies(e.getKey(), e.getValue().toBuilder().setVersion(0).build());
        return b.build();
    }

    /** The version of the element at a path such as {@code Application/org1MSP} or {@code Application/org1MSP/values/AnchorPeers}. */
    public static long version(Config c, String path) {
        ConfigGroup g = c.getChannelGroup();
        String[] parts = path.isEmpty() ? new String[0] : path.split("/");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].equals("values")) return g.getValuesOrThrow(parts[i + 1]).getVersion();
            if (parts[i].equals("policies")) return g.getPoliciesOrThrow(parts[i + 1]).getVersion();
            g = g.getGroupsOrThrow(parts[i]);
        }
        return g.getVersion();
    }
}
