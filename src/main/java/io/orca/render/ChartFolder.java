package io.orca.render;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A chart Orca delivers into a GitOps repository: the folder {@code <chart_source>/<chart>} that the HelmReleases of
 * that repository name ({@code spec.chart.spec.chart: ./<chart_source>/<chart>}), holding Orca's chart of that name and
 * version byte for byte.
 *
 * @param path    repository-relative folder, {@code <chart_source>/<chart>}
 * @param chart   the chart's name (Chart.yaml {@code name})
 * @param version the chart's version, the one the releases were planned with (Chart.yaml {@code version})
 * @param files   path inside the folder (with '/') → bytes, every file of the chart
 */
public record ChartFolder(String path, String chart, String version, SortedMap<String, byte[]> files) {
    public ChartFolder {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(version, "version");
        TreeMap<String, byte[]> copy = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) copy.put(e.getKey(), e.getValue().clone());
        files = Collections.unmodifiableSortedMap(copy);
    }

    /** The file at {@code relative} inside the folder (a copy), or null. */
    public byte[] file(String relative) {
        byte[] b = files.get(relative);
        return b == null ? null : b.clone();
    }
}
