package io.orca.helm;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.util.Map;
import java.util.Objects;

/** A release's values as Helm reads them: YAML text (from a map, or given as text). */
public record Values(String yaml) {
    public static final Values NONE = new Values("{}\n");

    public Values {
        Objects.requireNonNull(yaml, "yaml");
    }

    public static Values yaml(String text) {
        return new Values(text);
    }

    public static Values of(Map<String, ?> map) {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Values(new Yaml(o).dump(map));
    }

    /** Never the values themselves: they may be large, and a future chart may take a credential. */
    @Override
    public String toString() {
        return "Values[" + yaml.length() + " chars]";
    }
}
