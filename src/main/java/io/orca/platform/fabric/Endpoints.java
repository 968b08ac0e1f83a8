package io.orca.platform.fabric;

import io.orca.platform.fabric.FabricTopology.HostPort;
import io.orca.platform.fabric.FabricTopology.OrdererNode;
import io.orca.platform.fabric.FabricTopology.Org;
import io.orca.platform.fabric.FabricTopology.PeerNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where each node is reached. Inside its cluster a node is its Service, {@code <node>.<namespace>} (Bevel's names);
 * other organizations reach it through the proxy at its network.yaml address (network.orderers' uri, a peer's
 * peerAddress) unless env.proxy is none, when everything runs in one cluster.
 */
record Endpoints(FabricTopology topology, FabricDescriptor descriptor) {
    static String service(Org org, String node) {
        return node + "." + org.namespace();
    }

    HostPort internal(Org org, OrdererNode o) {
        return new HostPort(service(org, o.name()), o.port());
    }

    HostPort internal(Org org, PeerNode p) {
        return new HostPort(service(org, p.name()), p.port());
    }

    /** The address other organizations and the channel configuration use for an orderer. */
    HostPort address(Org org, OrdererNode o) {
        if (topology.proxied() && o.external().isPresent()) return HostPort.parse(o.external().get(), o.port());
        return internal(org, o);
    }

    HostPort address(Org org, PeerNode p) {
        if (topology.proxied() && p.external().isPresent()) return HostPort.parse(p.external().get(), p.port());
        return internal(org, p);
    }

    HostPort admin(Org org, OrdererNode o) {
        return new HostPort(service(org, o.name()), descriptor.port("orderer_admin"));
    }

    /** TLS server names: the Service's names in the cluster, the external address, and Bevel's proxy name. */
    List<String> sans(Org org, String node, Optional<String> external) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        String svc = service(org, node);
        names.add(node);
        names.add(svc);
        names.add(svc + ".svc");
        names.add(svc + ".svc.cluster.local");
        external.map(a -> HostPort.parse(a, 443).host()).ifPresent(names::add);
        Object suffix = org.model().attributes().get("external_url_suffix");
        if (suffix != null && !String.valueOf(suffix).isBlank()) names.add((svc + "." + suffix).toLowerCase(Locale.ROOT));
        return new ArrayList<>(names);
    }
}
