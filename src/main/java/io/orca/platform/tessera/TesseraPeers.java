package io.orca.platform.tessera;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which Tessera nodes a Tessera node starts from (decision 0009: bounded, whatever the network's size): the nodes
 * {@code config.tm_nodes} names, else the first {@value #BOOTSTRAP} Tessera nodes of the network; peer discovery
 * spreads the rest. An entry naming a member node of the file becomes that node's in-cluster URL.
 */
public final class TesseraPeers {
    /** At most this many Tessera nodes bootstrap the others when config.tm_nodes is not set. */
    public static final int BOOTSTRAP = 3;

    private TesseraPeers() {
    }

    /** A member node that runs a Tessera: its release, its service name, its namespace and its Tessera's P2P URL. */
    public record Member(String release, String service, String namespace, String url) {
    }

    /** {@code config.tm_nodes}, trimmed, blanks left out. */
    public static List<String> configured(Map<String, Object> config) {
        if (!(config.get("tm_nodes") instanceof List<?> l)) return List.of();
        return l.stream().filter(Objects::nonNull).map(String::valueOf).map(String::strip).filter(u -> !u.isEmpty()).toList();
    }

    /** The seed URLs, sorted: tm_nodes (members of this file at their in-cluster URL), else the first members'. */
    public static List<String> seeds(List<String> tmNodes, List<Member> members) {
        return tmNodes.isEmpty()
                ? members.stream().limit(BOOTSTRAP).map(Member::url).sorted().toList()
                : tmNodes.stream().map(u -> member(u, members).map(Member::url).orElse(u)).distinct().sorted().toList();
    }

    /** A Tessera node's peers: the seeds minus its own URL. */
    public static List<String> peersOf(List<String> seeds, String self) {
        return seeds.stream().filter(u -> !u.equals(self)).toList();
    }

    /**
     * The member node of this file a tm_nodes entry names, as ORCA-W004 reads it: the first label of the URL's host,
     * without a "-tessera" suffix, is a member's release name ({@code <org>-<node>}), or its service name when that
     * is unique among the members or the second label is its namespace. Anything else is a node outside this file.
     */
    static Optional<Member> member(String url, List<Member> members) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (host == null) return Optional.empty();
        String[] labels = host.toLowerCase(Locale.ROOT).split("\\.");
        String first = labels[0].endsWith(Tessera.RELEASE_SUFFIX)
                ? labels[0].substring(0, labels[0].length() - Tessera.RELEASE_SUFFIX.length()) : labels[0];
        for (Member m : members) {
            if (m.release().equals(first)) return Optional.of(m);
        }
        List<Member> named = members.stream().filter(m -> m.service().equals(first)).toList();
        if (labels.length > 1) {
            List<Member> inNamespace = named.stream().filter(m -> m.namespace().equals(labels[1])).toList();
            if (inNamespace.size() == 1) return Optional.of(inNamespace.get(0));
        }
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }
}
