package io.orca.render;

import io.orca.model.Organization;
import io.orca.plan.DeploymentPlan;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.ReleasePlan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which charts each GitOps repository must hold, and where: every chart a HelmRelease of that repository names through
 * its GitRepository ({@code ./<chart_source>/<chart>}), at the version the release was planned with. Organizations
 * with a Helm or OCI {@code gitops.chart_repository} take their charts from that repository instead and need none here. Pure: the
 * chart files come from a {@link Library}.
 */
public final class ChartFolders {
    private ChartFolders() {
    }

    /** Orca's charts by name and version: every file of the chart folder, path (with '/') → bytes. */
    @FunctionalInterface
    public interface Library {
        SortedMap<String, byte[]> files(String chart, String version);
    }

    /** A chart a repository needs: its folder, name and version. */
    public record Needed(String path, String chart, String version) {
    }

    /** Per repository ({@link FluxRenderer#repoKey}), the charts its releases name, by folder, in path order. */
    public static Map<String, SortedMap<String, Needed>> needed(DeploymentPlan plan) {
        Map<String, SortedMap<String, Needed>> out = new LinkedHashMap<>();
        for (OrganizationPlan op : plan.organizations()) {
            Organization.Gitops g = op.organization().gitops();
            SortedMap<String, Needed> charts = out.computeIfAbsent(FluxRenderer.repoKey(g), k -> new TreeMap<>());
            if (fromChartRepository(g)) continue;
            for (ReleasePlan r : op.releases()) {
                String path = g.chartSource() + "/" + r.chart();
                Needed n = new Needed(path, r.chart(), r.chartVersion());
                Needed before = charts.putIfAbsent(path, n);
                if (before != null && !before.equals(n)) {
                    // one folder cannot hold two versions; a platform pins one version per chart, so this is Orca's bug
                    throw new IllegalStateException(path + " is needed as " + before.chart() + " " + before.version()
                            + " and as " + n.chart() + " " + n.version());
                }
            }
        }
        return out;
    }

    /**
     * Whether the organization's HelmReleases take their charts from a Helm or OCI repository
     * ({@code chart_repository} of type helm or oci); with type git, or none, they name {@code ./<chart_source>/<chart>}.
     */
    public static boolean fromChartRepository(Organization.Gitops g) {
        return g.chartRepository().map(r -> r.type().equals("helm") || r.type().equals("oci")).orElse(false);
    }

    /** The trees with the chart folders their releases need, files from {@code library}. */
    public static List<RepositoryTree> attach(DeploymentPlan plan, List<RepositoryTree> trees, Library library) {
        Map<String, SortedMap<String, Needed>> needed = needed(plan);
        Map<String, SortedMap<String, byte[]>> loaded = new TreeMap<>();
        List<RepositoryTree> out = new ArrayList<>();
        for (RepositoryTree t : trees) {
            List<ChartFolder> charts = new ArrayList<>();
            for (Needed n : needed.getOrDefault(FluxRenderer.repoKey(t.gitops()), new TreeMap<>()).values()) {
                SortedMap<String, byte[]> files = loaded.computeIfAbsent(n.chart() + "\u0000" + n.version(),
                        k -> library.files(n.chart(), n.version()));
                charts.add(new ChartFolder(n.path(), n.chart(), n.version(), files));
            }
            out.add(t.withCharts(charts));
        }
        return out;
    }
}
