package io.orca.load;

import io.orca.diag.Position;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A YAML mapping with string keys, in document order; each entry remembers where its key was written. */
public record YMap(Map<String, Entry> entries, Position position, String path, String pointer) implements YNode {

    /** One key: value pair. */
    public record Entry(String key, Position keyPosition, YNode value) {
    }

    public YMap {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public YNode get(String key) {
        Entry e = entries.get(key);
        return e == null ? null : e.value();
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    public Collection<Entry> all() {
        return entries.values();
    }

    public Optional<YMap> map(String key) {
        return get(key) instanceof YMap m ? Optional.of(m) : Optional.empty();
    }

    public Optional<YSeq> seq(String key) {
        return get(key) instanceof YSeq s ? Optional.of(s) : Optional.empty();
    }

    public Optional<YScalar> scalar(String key) {
        return get(key) instanceof YScalar s && !s.isNull() ? Optional.of(s) : Optional.empty();
    }

    /** The scalar's value as text, if present and not null. */
    public Optional<String> text(String key) {
        return scalar(key).map(YScalar::asText);
    }

    /** Position of the key (for "this key is wrong" messages), or the mapping's own position. */
    public Position keyPosition(String key) {
        Entry e = entries.get(key);
        return e == null ? position : e.keyPosition();
    }

    @Override
    public String kind() {
        return "mapping";
    }
}
