package io.orca.platform.fabric.channel;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Test-only: reads a configtx.yaml profile and its MSP folders into a {@link ChannelSpec}, as configtxgen reads them,
 * so that Orca's block can be compared with configtxgen's for exactly the same inputs.
 */
final class Configtx {
    private Configtx() {
    }

    @SuppressWarnings("unchecked")
    static ChannelSpec read(Path configtx, String profile, String channelId) {
        Map<String, Object> root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(configtx));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path dir = configtx.getParent();
        Map<String, Object> p = map(map(root, "Profiles"), profile);
        Map<String, Object> o = map(p, "Orderer");
        Map<String, Object> raft = map(o, "EtcdRaft");
        Map<String, Object> options = map(raft, "Options");
        List<ChannelSpec.Consenter> consenters = new ArrayList<>();
        for (Object c : list(raft, "Consenters")) {
            Map<String, Object> m = (Map<String, Object>) c;
            consenters.add(new ChannelSpec.Consenter((String) m.get("Host"), (Integer) m.get("Port"),
                    text(dir.resolve((String) m.get("ClientTLSCert"))), text(dir.resolve((String) m.get("ServerTLSCert")))));
        }
        Map<String, Object> batch = map(o, "BatchSize");
        ChannelSpec.Orderer orderer = new ChannelSpec.Orderer((String) o.get("BatchTimeout"),
                new ChannelSpec.BatchSize((Integer) batch.get("MaxMessageCount"), (int) bytes(batch.get("AbsoluteMaxBytes")),
                        (int) bytes(batch.get("PreferredMaxBytes"))),
                new ChannelSpec.RaftOptions((String) options.get("TickInterval"), (Integer) options.get("ElectionTick"),
                        (Integer) options.get("HeartbeatTick"), (Integer) options.get("MaxInflightBlocks"),
                        bytes(options.get("SnapshotIntervalSize"))),
                consenters, organizations(dir, list(o, "Organizations")), policies(map(o, "Policies")),
                capabilities(map(o, "Capabilities")));
        Map<String, Object> a = map(p, "Application");
        Map<String, String> acls = new LinkedHashMap<>();
        map(a, "ACLs").forEach((k, v) -> acls.put(k, (String) v));
        ChannelSpec.Application application = new ChannelSpec.Application(organizations(dir, list(a, "Organizations")),
                policies(map(a, "Policies")), capabilities(map(a, "Capabilities")), acls);
        return new ChannelSpec(channelId, Instant.parse("2026-12-03T00:00:00Z"), policies(map(p, "Policies")),
                capabilities(map(p, "Capabilities")), orderer, application);
    }

    @SuppressWarnings("unchecked")
    private static List<ChannelSpec.Organization> organizations(Path dir, List<Object> orgs) {
        List<ChannelSpec.Organization> out = new ArrayList<>();
        for (Object x : orgs) {
            Map<String, Object> org = (Map<String, Object>) x;
            Path msp = dir.resolve((String) org.get("MSPDir")).normalize();
            List<ChannelSpec.HostPort> anchors = new ArrayList<>();
            for (Object ap : list(org, "AnchorPeers")) {
                Map<String, Object> m = (Map<String, Object>) ap;
                anchors.add(new ChannelSpec.HostPort((String) m.get("Host"), (Integer) m.get("Port")));
            }
            List<String> endpoints = new ArrayList<>();
            list(org, "OrdererEndpoints").forEach(e -> endpoints.add((String) e));
            out.add(new ChannelSpec.Organization((String) org.get("Name"), (String) org.get("ID"), msp(msp),
                    policies(map(org, "Policies")), anchors, endpoints));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static ChannelSpec.Msp msp(Path msp) {
        Optional<String> nodeOuCa = Optional.empty();
        Path config = msp.resolve("config.yaml");
        if (Files.isRegularFile(config)) {
            Map<String, Object> c = new Yaml(new SafeConstructor(new LoaderOptions())).load(text(config));
            Map<String, Object> ous = map(c, "NodeOUs");
            if (Boolean.TRUE.equals(ous.get("Enable"))) {
                nodeOuCa = Optional.of(text(msp.resolve((String) map(ous, "ClientOUIdentifier").get("Certificate"))));
            }
        }
        return new ChannelSpec.Msp(pems(msp.resolve("cacerts")), pems(msp.resolve("tlscacerts")), pems(msp.resolve("admincerts")), nodeOuCa);
    }

    /** The files of an MSP folder in name order, as Fabric's MSP loader reads them. */
    private static List<String> pems(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().map(Configtx::text).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Policy> policies(Map<String, Object> m) {
        Map<String, Policy> out = new LinkedHashMap<>();
        m.forEach((name, v) -> {
            Map<String, Object> p = (Map<String, Object>) v;
            out.put(name, Policy.of((String) p.get("Type"), (String) p.get("Rule")));
        });
        return out;
    }

    private static List<String> capabilities(Map<String, Object> m) {
        List<String> out = new ArrayList<>();
        m.forEach((k, v) -> {
            if (Boolean.TRUE.equals(v)) out.add(k);
        });
        return out;
    }

    /** configtx.yaml sizes: "10 MB" (MiB), "512 KB", or plain bytes. */
    static long bytes(Object v) {
        if (v instanceof Number n) return n.longValue();
        String[] parts = ((String) v).strip().split("\\s+");
        long n = Long.parseLong(parts[0]);
        return parts.length == 1 ? n : switch (parts[1]) {
            case "KB" -> n * 1024;
            case "MB" -> n * 1024 * 1024;
            case "GB" -> n * 1024 * 1024 * 1024;
            default -> throw new IllegalArgumentException(String.valueOf(v));
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        Object v = m == null ? null : m.get(key);
        return v instanceof Map<?, ?> x ? (Map<String, Object>) x : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static String text(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
