package io.orca.load;

import io.orca.diag.Position;

/**
 * A node of a loaded YAML document that remembers where it came from: its position in the file and its path
 * from the root ({@code network.organizations[1].name}). Rules and the schema validator report against these.
 */
public sealed interface YNode permits YMap, YSeq, YScalar {
    Position position();

    /** Dotted path with [index] for list items; "" for the root. */
    String path();

    /** JSON Pointer (RFC 6901) of this node, as the schema validator names locations. */
    String pointer();

    /** A short name of the node's kind for messages: "mapping", "list", "string", "number", ... */
    String kind();
}
