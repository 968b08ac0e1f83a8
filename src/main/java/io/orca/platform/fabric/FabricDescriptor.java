package io.orca.platform.fabric;

import io.orca.model.Platforms;
import io.orca.platform.fabric.channel.ChannelSpec;
import io.orca.platform.fabric.crypto.Validity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads platforms/fabric/platform.yaml: charts, images, default ports, crypto validity, channel defaults, Job waits. */
record FabricDescriptor(Map<String, Object> raw) {
    static FabricDescriptor load() {
        return new FabricDescriptor(Platforms.descriptor("fabric"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        Object v = m == null ? null : m.get(key);
        return v instanceof Map<?, ?> mm ? (Map<String, Object>) mm : Map.of();
    }

    private static String text(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) throw new IllegalStateException("platforms/fabric/platform.yaml lacks " + key);
        return String.valueOf(v);
    }

    private static long number(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number n)) throw new IllegalStateException("platforms/fabric/platform.yaml lacks the number " + key);
        return n.longValue();
    }

    String chart(String component) {
        return text(map(map(raw, "charts"), component), "name");
    }

    String chartVersion(String component) {
        return text(map(map(raw, "charts"), component), "version");
    }

    /** The Fabric image tag of a network.yaml version (the default version when it is empty). */
    String fabricTag(String version) {
        String v = version.isEmpty() ? text(raw, "default_version") : version;
        Map<String, Object> entry = map(map(raw, "versions"), v);
        if (!entry.containsKey("tag")) throw new IllegalStateException("Fabric " + v + " has no images in platforms/fabric/platform.yaml");
        return text(entry, "tag");
    }

    String image(String component) {
        return text(map(raw, "images"), component);
    }

    String couchdbRepository() {
        return text(map(map(raw, "images"), "couchdb"), "repository");
    }

    String couchdbTag() {
        return text(map(map(raw, "images"), "couchdb"), "tag");
    }

    int port(String name) {
        return Math.toIntExact(number(map(raw, "default_ports"), name));
    }

    Validity validity() {
        Map<String, Object> v = map(map(raw, "crypto"), "validity");
        return new Validity(Instant.parse(text(v, "not_before")), Instant.parse(text(v, "not_after")));
    }

    Instant channelTimestamp() {
        return Instant.parse(text(map(raw, "channel_defaults"), "timestamp"));
    }

    String batchTimeout() {
        return text(map(raw, "channel_defaults"), "batch_timeout");
    }

    ChannelSpec.BatchSize batchSize() {
        Map<String, Object> b = map(map(raw, "channel_defaults"), "batch_size");
        return new ChannelSpec.BatchSize(Math.toIntExact(number(b, "max_message_count")), Math.toIntExact(number(b, "absolute_max_bytes")),
                Math.toIntExact(number(b, "preferred_max_bytes")));
    }

    ChannelSpec.RaftOptions raft() {
        Map<String, Object> r = map(map(raw, "channel_defaults"), "raft");
        return new ChannelSpec.RaftOptions(text(r, "tick_interval"), Math.toIntExact(number(r, "election_tick")),
                Math.toIntExact(number(r, "heartbeat_tick")), Math.toIntExact(number(r, "max_inflight_blocks")),
                number(r, "snapshot_interval_size"));
    }

    List<String> capabilities(String group) {
        Object v = map(map(raw, "channel_defaults"), "capabilities").get(group);
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) l.forEach(c -> out.add(String.valueOf(c)));
        return out;
    }

    long jobTimeoutSeconds() {
        return number(map(raw, "jobs"), "timeout_seconds");
    }

    long jobIntervalSeconds() {
        return number(map(raw, "jobs"), "interval_seconds");
    }
}
