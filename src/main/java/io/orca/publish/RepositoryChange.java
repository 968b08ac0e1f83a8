package io.orca.publish;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything to publish to one (repository, branch): the directories Orca owns there with their desired
 * content, the commit author and the commit-message context. One change → at most one commit.
 */
public record RepositoryChange(GitTarget target, Author author, List<OwnedDirectory> directories, CommitContext context) {
    public RepositoryChange {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(context, "context");
        directories = List.copyOf(directories);
        for (int i = 0; i < directories.size(); i++) {
            for (int j = 0; j < directories.size(); j++) {
                if (i == j) continue;
                String a = directories.get(i).path();
                String b = directories.get(j).path();
                if (RepoPaths.isUnder(a, b))
                    throw new IllegalArgumentException("owned directories overlap in " + target + ": '" + a + "' and '" + b + "'");
            }
        }
    }

    /**
     * Groups per-organization changes that share a (repository, branch) — same URL without credentials and
     * same branch — into one change per repository, in first-seen order. The first change's target
     * (credentials), author and context are kept for the group.
     */
    public static List<RepositoryChange> merge(Collection<RepositoryChange> changes) {
        Map<String, List<RepositoryChange>> groups = new LinkedHashMap<>();
        for (RepositoryChange c : changes) groups.computeIfAbsent(c.target().key(), k -> new ArrayList<>()).add(c);
        List<RepositoryChange> merged = new ArrayList<>();
        for (List<RepositoryChange> group : groups.values()) {
            RepositoryChange first = group.get(0);
            List<OwnedDirectory> dirs = new ArrayList<>();
            for (RepositoryChange c : group) dirs.addAll(c.directories());
            merged.add(new RepositoryChange(first.target(), first.author(), dirs, first.context()));
        }
        return merged;
    }
}
