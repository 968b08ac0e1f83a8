package io.orca.render;

import io.orca.model.Organization;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What Orca writes into one GitOps repository (one URL and branch): the folders it owns (the organizations'
 * release_dirs) and their complete content, path → text. Pure data; writing it is a separate step.
 *
 * @param name a short folder name for the repository (used by {@code generate --out})
 * @param organizations the organizations whose releases live here, in network.yaml order
 */
public record RepositoryTree(String name, Organization.Gitops gitops, List<String> organizations, List<String> ownedDirs,
                             SortedMap<String, String> files) {
    public RepositoryTree {
        organizations = List.copyOf(organizations);
        ownedDirs = List.copyOf(ownedDirs);
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }
}
