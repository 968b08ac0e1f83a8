package io.orca.render;

import io.orca.model.Organization;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What Orca writes into one GitOps repository (one URL and branch): the folders it owns (the organizations'
 * release_dirs) and their complete content, path → text, and the chart folders its HelmReleases name
 * ({@link ChartFolder}, under chart_source). Pure data; writing it is a separate step.
 *
 * @param name a short folder name for the repository (used by {@code generate --out})
 * @param organizations the organizations whose releases live here, in network.yaml order
 * @param charts the chart folders, in path order (none for organizations whose charts come from a chart repository)
 */
public record RepositoryTree(String name, Organization.Gitops gitops, List<String> organizations, List<String> ownedDirs,
                             SortedMap<String, String> files, List<ChartFolder> charts) {
    public RepositoryTree {
        organizations = List.copyOf(organizations);
        ownedDirs = List.copyOf(ownedDirs);
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        charts = charts.stream().sorted(Comparator.comparing(ChartFolder::path)).toList();
    }

    /** A tree without chart folders (the manifests alone). */
    public RepositoryTree(String name, Organization.Gitops gitops, List<String> organizations, List<String> ownedDirs,
                          SortedMap<String, String> files) {
        this(name, gitops, organizations, ownedDirs, files, List.of());
    }

    public RepositoryTree withCharts(List<ChartFolder> other) {
        return new RepositoryTree(name, gitops, organizations, ownedDirs, files, other);
    }
}
