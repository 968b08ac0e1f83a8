package io.orca.helm;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a rollback finds the chart of an earlier revision, by Helm's "name-version" (as history reports it).
 * helm-java has no rollback, so a rollback is an upgrade to that chart with that revision's values.
 */
@FunctionalInterface
public interface ChartSource {
    /** No chart available: rollbacks fail with a clear message. */
    ChartSource NONE = nameVersion -> Optional.empty();

    Optional<Path> find(String nameVersion);

    /** The chart folders directly under {@code dir} (Orca's bundled charts), matched on Chart.yaml's name and version. */
    static ChartSource directory(Path dir) {
        return nameVersion -> {
            if (!Files.isDirectory(dir)) return Optional.empty();
            try (Stream<Path> s = Files.list(dir)) {
                for (Path chart : s.sorted().toList()) {
                    Path yaml = chart.resolve("Chart.yaml");
                    if (!Files.isRegularFile(yaml)) continue;
                    Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(yaml, StandardCharsets.UTF_8));
                    if (doc instanceof Map<?, ?> m && nameVersion.equals(m.get("name") + "-" + m.get("version"))) {
                        return Optional.of(chart);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Optional.empty();
        };
    }
}
