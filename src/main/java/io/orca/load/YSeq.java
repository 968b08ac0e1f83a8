package io.orca.load;

import io.orca.diag.Position;

import java.util.List;

/** A YAML sequence. */
public record YSeq(List<YNode> items, Position position, String path, String pointer) implements YNode {
    public YSeq {
        items = List.copyOf(items);
    }

    public int size() {
        return items.size();
    }

    public YNode get(int i) {
        return items.get(i);
    }

    @Override
    public String kind() {
        return "list";
    }
}
