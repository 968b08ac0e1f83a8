package io.orca.validate;

import io.orca.load.YMap;
import io.orca.load.YNode;
import io.orca.load.YScalar;
import io.orca.load.YSeq;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Typed, tolerant navigation over a raw network.yaml document: anything of the wrong shape is simply absent. */
public final class NetworkView {
    /** Service groups that are configuration, not deployed services. */
    private static final List<String> NOT_SERVICES = List.of("consensus", "zone", "auth", "gateway");

    private final YMap root;

    public NetworkView(YMap root) {
        this.root = root;
    }

    /** One deployed service of an organization: its group (validators, peers, ca...) and its mapping. */
    public record ServiceNode(String group, YMap node) {
        public Optional<YScalar> name() {
            return node.scalar("name");
        }
    }

    public YMap root() {
        return root;
    }

    public Optional<YMap> network() {
        return root.map("network");
    }

    public String platform() {
        return network().flatMap(n -> n.text("type")).orElse("");
    }

    public List<YMap> organizations() {
        return maps(network().flatMap(n -> n.seq("organizations")));
    }

    public List<ServiceNode> services(YMap organization) {
        List<ServiceNode> out = new ArrayList<>();
        Optional<YMap> services = organization.map("services");
        if (services.isEmpty()) return out;
        for (YMap.Entry e : services.get().all()) {
            if (NOT_SERVICES.contains(e.key())) continue;
            if (e.value() instanceof YSeq seq) {
                for (YNode item : seq.items()) if (item instanceof YMap m) out.add(new ServiceNode(e.key(), m));
            } else if (e.value() instanceof YMap m) {
                out.add(new ServiceNode(e.key(), m));
            }
        }
        return out;
    }

    public static List<YMap> maps(Optional<YSeq> seq) {
        List<YMap> out = new ArrayList<>();
        seq.ifPresent(s -> s.items().forEach(i -> {
            if (i instanceof YMap m) out.add(m);
        }));
        return out;
    }

    /** Mapping children that look like ports: a mapping with an integer {@code port}. */
    public static List<YMap.Entry> ports(YMap service) {
        List<YMap.Entry> out = new ArrayList<>();
        for (YMap.Entry e : service.all()) {
            if (e.value() instanceof YMap m && m.scalar("port").filter(s -> s.value() instanceof Long).isPresent()) out.add(e);
        }
        return out;
    }
}
