package io.orca.app;

import io.orca.render.ChartFolders;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Orca's own charts ({@code charts/} of the project, carried in the jar under {@code /charts}) as a
 * {@link ChartFolders.Library}: every regular file of {@code charts/<chart>}, in path order, byte for byte. The chart's
 * Chart.yaml must name that chart at the version the release was planned with (platforms/*.yaml): a release never
 * points at a chart of another version.
 */
final class BundledCharts implements ChartFolders.Library {
    private final Path root;

    BundledCharts(Path root) {
        this.root = root;
    }

    /** The charts this Orca carries (the project's folder when run from a checkout, else the jar's, extracted). */
    static BundledCharts orcas() {
        try {
            return new BundledCharts(TemplateService.ChartLocator.charts());
        } catch (IOException e) {
            throw new RefusedException("cannot read Orca's charts: " + e.getMessage());
        }
    }

    @Override
    public SortedMap<String, byte[]> files(String chart, String version) {
        Path dir = root.resolve(chart);
        Path yaml = dir.resolve("Chart.yaml");
        try {
            if (!chart.matches("[a-z0-9][a-z0-9-]*") || !Files.isRegularFile(yaml, LinkOption.NOFOLLOW_LINKS)) {
                throw new RefusedException("Orca carries no chart '" + chart + "' (" + dir + "): this Orca is incomplete,"
                        + " rebuild or reinstall it");
            }
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(yaml, StandardCharsets.UTF_8));
            Object have = doc instanceof Map<?, ?> m ? m.get("version") : null;
            if (!version.equals(String.valueOf(have))) {
                throw new RefusedException("Orca's chart " + chart + " is version " + have + " but the releases are planned with "
                        + version + " (platforms/*/platform.yaml): this Orca is inconsistent, rebuild it");
            }
            SortedMap<String, byte[]> files = new TreeMap<>();
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                    files.put(dir.relativize(p).toString().replace(java.io.File.separatorChar, '/'), Files.readAllBytes(p));
                }
            }
            return Collections.unmodifiableSortedMap(files);
        } catch (IOException e) {
            throw new RefusedException("cannot read Orca's chart " + chart + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new RefusedException("cannot read Orca's chart " + chart + ": " + e.getCause().getMessage());
        }
    }
}
