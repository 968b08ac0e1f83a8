package io.orca.platform.ethereum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The public half of the node keys of a network, by node name, as stable JSON:
 * <pre>
 * {
 *   "nodes": {
 *     "&lt;name&gt;": {
 *       "publicKey": "&lt;128 hex digits, no 0x&gt;",
 *       "address": "0x&lt;40 hex digits&gt;"
 *     }
 *   }
 * }
 * </pre>
 * Names are sorted; the text is byte-identical for the same content. Private keys never appear here.
 */
public final class PublicMaterial {
    private final SortedMap<String, NodeMaterial> nodes;

    private PublicMaterial(SortedMap<String, NodeMaterial> nodes) {
        this.nodes = Collections.unmodifiableSortedMap(nodes);
    }

    public static PublicMaterial empty() {
        return new PublicMaterial(new TreeMap<>());
    }

    public static PublicMaterial of(Collection<NodeMaterial> nodes) {
        TreeMap<String, NodeMaterial> m = new TreeMap<>();
        for (NodeMaterial n : nodes) {
            if (m.put(n.name(), n) != null) {
                throw new IllegalArgumentException("duplicate node name '" + n.name() + "'");
            }
        }
        return new PublicMaterial(m);
    }

    /** Nodes by name, sorted. */
    public SortedMap<String, NodeMaterial> nodes() {
        return nodes;
    }

    public Optional<NodeMaterial> get(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    public String toJson() {
        ObjectNode root = CanonicalJson.object();
        ObjectNode out = root.putObject("nodes");
        for (NodeMaterial n : nodes.values()) {
            ObjectNode o = out.putObject(n.name());
            o.put("publicKey", n.publicKey().hex());
            o.put("address", n.address().hex());
        }
        return CanonicalJson.write(root);
    }

    /**
     * Parses {@link #toJson()} output. Every entry is checked: the public key must be a secp256k1 point
     * and the address, if present, must be the one derived from it. Unknown fields are rejected.
     */
    public static PublicMaterial parse(String json) {
        JsonNode root = CanonicalJson.read(json);
        if (!root.isObject()) {
            throw new IllegalArgumentException("public material must be a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("nodes")) {
                throw new IllegalArgumentException("unknown field '" + k + "' in public material");
            }
        }
        JsonNode nodes = root.path("nodes");
        if (!nodes.isObject()) {
            throw new IllegalArgumentException("public material has no 'nodes' object");
        }
        TreeMap<String, NodeMaterial> m = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = nodes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode n = e.getValue();
            if (!n.isObject() || !n.path("publicKey").isTextual()) {
                throw new IllegalArgumentException("node '" + name + "' has no publicKey");
            }
            for (Iterator<String> f = n.fieldNames(); f.hasNext(); ) {
                String k = f.next();
                if (!k.equals("publicKey") && !k.equals("address")) {
                    throw new IllegalArgumentException("unknown field '" + k + "' for node '" + name + "'");
                }
            }
            NodePublicKey pub;
            try {
                pub = NodePublicKey.parse(n.get("publicKey").asText());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("node '" + name + "': " + ex.getMessage(), ex);
            }
            Address address = n.has("address") ? Address.parse(n.get("address").asText()) : pub.address();
            m.put(name, new NodeMaterial(name, pub, address));
        }
        return new PublicMaterial(m);
    }

    static String checkName(String name) {
        if (name == null || name.isBlank() || !name.equals(name.strip())
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("bad node name '" + name + "'");
        }
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicMaterial p && p.nodes.equals(nodes);
    }

    @Override
    public int hashCode() {
        return nodes.hashCode();
    }

    @Override
    public String toString() {
        return "PublicMaterial" + nodes.values();
    }
}
