package io.orca.platform.fabric;

import io.orca.model.Names;
import io.orca.platform.fabric.FabricTopology.OrdererNode;
import io.orca.platform.fabric.FabricTopology.Org;
import io.orca.platform.fabric.FabricTopology.PeerNode;
import io.orca.platform.fabric.crypto.NodeOus;
import io.orca.platform.fabric.crypto.OrganizationCrypto;
import io.orca.platform.fabric.crypto.Subjects;

import java.util.ArrayList;
import java.util.List;

/**
 * Which identities an organization needs (its orderers, peers, admin and network.yaml's users) and their
 * certificate subjects: the CA's from {@code services.ca.subject} (Bevel's), else from the organization's country,
 * state and location; nodes and users get C, ST, L, their NodeOU role and a CN like cryptogen's.
 */
final class FabricIdentities {
    static final String ADMIN = "admin";

    private FabricIdentities() {
    }

    static String orderer(String name) {
        return "orderer:" + name;
    }

    static String peer(String name) {
        return "peer:" + name;
    }

    static String user(String identity) {
        return "user:" + identity;
    }

    static OrganizationCrypto.Spec spec(Org org, Endpoints endpoints, FabricDescriptor d) {
        String ns = org.namespace();
        Subjects.Attributes ca = Subjects.parse(org.model().services().stream().filter(s -> s.group().equals("ca"))
                .findFirst().flatMap(s -> s.text("subject")).orElse(""));
        ca = fill(ca, "C", org, "country").with("ST", ca.values().getOrDefault("ST", attr(org, "state")))
                .with("L", ca.values().getOrDefault("L", attr(org, "location")));
        if (!ca.values().containsKey("O")) ca = ca.with("O", org.name());
        if (!ca.values().containsKey("CN")) ca = ca.with("CN", "ca." + ns);
        Subjects.Attributes tlsCa = ca.with("CN", "tlsca." + ns);
        Subjects.Attributes leaf = ca.without("O").without("OU").without("CN");
        List<OrganizationCrypto.IdentitySpec> ids = new ArrayList<>();
        for (OrdererNode o : org.orderers()) {
            ids.add(new OrganizationCrypto.IdentitySpec(orderer(o.name()), NodeOus.Role.ORDERER, Endpoints.service(org, o.name()),
                    endpoints.sans(org, o.name(), o.external()), o.release()));
        }
        for (PeerNode p : org.peers()) {
            ids.add(new OrganizationCrypto.IdentitySpec(peer(p.name()), NodeOus.Role.PEER, Endpoints.service(org, p.name()),
                    endpoints.sans(org, p.name(), p.external()), p.release()));
        }
        ids.add(new OrganizationCrypto.IdentitySpec(ADMIN, NodeOus.Role.ADMIN, "Admin@" + ns, List.of(), org.name() + "-admin"));
        for (String u : org.users()) {
            ids.add(new OrganizationCrypto.IdentitySpec(user(u), NodeOus.Role.CLIENT, u + "@" + ns, List.of(),
                    org.name() + "-user-" + Names.toDnsLabel(u)));
        }
        return new OrganizationCrypto.Spec(org.name(), ca, tlsCa, leaf, ids, d.validity());
    }

    private static Subjects.Attributes fill(Subjects.Attributes a, String key, Org org, String attribute) {
        return a.values().containsKey(key) ? a : a.with(key, attr(org, attribute));
    }

    private static String attr(Org org, String key) {
        Object v = org.model().attributes().get(key);
        return v == null ? null : String.valueOf(v);
    }
}
