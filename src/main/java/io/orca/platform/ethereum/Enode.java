package io.orca.platform.ethereum;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Besu enode URL, {@code enode://<128 hex node id>@<host>:<port>?discport=<discovery port>}.
 * The discovery port is always written (Besu accepts it even when equal to the P2P port; 0 disables
 * discovery for that peer). Note: Besu accepts DNS host names in enode URLs only with DNS support
 * enabled ({@code --Xdns-enabled=true}, and {@code --Xdns-update-enabled=true} for changing addresses).
 */
public record Enode(NodePublicKey nodeId, String host, int port, int discoveryPort) {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+]");
    private static final Pattern URL = Pattern.compile(
            "enode://([0-9a-fA-F]{128})@([^:/?@\\[\\]]+|\\[[0-9A-Fa-f:.]+]):(\\d{1,5})(?:\\?discport=(\\d{1,5}))?");

    public Enode {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(host, "host");
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]"; // IPv6 literal
        }
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("not a valid enode host: '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("P2P port out of range: " + port);
        }
        if (discoveryPort < 0 || discoveryPort > 65535) {
            throw new IllegalArgumentException("discovery port out of range: " + discoveryPort);
        }
    }

    /** An enode whose discovery port equals its P2P port. */
    public static Enode of(NodePublicKey nodeId, String host, int port) {
        return new Enode(nodeId, host, port, port);
    }

    public Enode withDiscoveryPort(int discport) {
        return new Enode(nodeId, host, port, discport);
    }

    /** Parses an enode URL; a missing {@code discport} means the P2P port. */
    public static Enode parse(String url) {
        Matcher m = URL.matcher(Objects.requireNonNull(url, "url").strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an enode URL: '" + url + "'");
        }
        int port = Integer.parseInt(m.group(3));
        int disc = m.group(4) == null ? port : Integer.parseInt(m.group(4));
        return new Enode(NodePublicKey.parse(m.group(1)), m.group(2), port, disc);
    }

    public String url() {
        return "enode://" + nodeId.hex() + "@" + host + ":" + port + "?discport=" + discoveryPort;
    }

    @Override
    public String toString() {
        return url();
    }
}
