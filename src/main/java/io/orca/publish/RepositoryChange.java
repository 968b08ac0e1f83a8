package io.orca.publish;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything to publish to one (repository, branch): the directories Orca owns there with their desired
 * content, the directories it co-owns with other networks (chart folders), the commit author and the commit-message
 * context. One change → at most one commit.
 */
public record RepositoryChange(GitTarget target, Author author, List<OwnedDirectory> directories, CommitContext context,
                               List<SharedDirectory> shared) {
    public RepositoryChange {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(context, "context");
        directories = List.copyOf(directories);
        shared = List.copyOf(shared);
        List<String> paths = new ArrayList<>();
        for (OwnedDirectory d : directories) paths.add(d.path());
        for (SharedDirectory d : shared) paths.add(d.path());
        for (int i = 0; i < paths.size(); i++) {
            for (int j = 0; j < paths.size(); j++) {
                if (i == j) continue;
                String a = paths.get(i);
                String b = paths.get(j);
                if (RepoPaths.isUnder(a, b))
                    throw new IllegalArgumentException("owned directories overlap in " + target + ": '" + a + "' and '" + b + "'"
                            + (shared.isEmpty() ? "" : " (a chart_source folder and a release_dir must not lie in one another)"));
            }
        }
    }

    /** A change without shared directories. */
    public RepositoryChange(GitTarget target, Author author, List<OwnedDirectory> directories, CommitContext context) {
        this(target, author, directories, context, List.of());
    }

    /**
     * Groups per-organization changes that share a (repository, branch) — same URL without credentials and
     * same branch — into one change per repository, in first-seen order. The first change's target
     * (credentials), author and context are kept for the group. A shared directory several changes carry is kept
     * once; with different content the group cannot merge.
     */
    public static List<RepositoryChange> merge(Collection<RepositoryChange> changes) {
        Map<String, List<RepositoryChange>> groups = new LinkedHashMap<>();
        for (RepositoryChange c : changes) groups.computeIfAbsent(c.target().key(), k -> new ArrayList<>()).add(c);
        List<RepositoryChange> merged = new ArrayList<>();
        for (List<RepositoryChange> group : groups.values()) {
            RepositoryChange first = group.get(0);
            List<OwnedDirectory> dirs = new ArrayList<>();
            Map<String, SharedDirectory> shared = new TreeMap<>();
            for (RepositoryChange c : group) {
                dirs.addAll(c.directories());
                for (SharedDirectory s : c.shared()) {
                    SharedDirectory before = shared.putIfAbsent(s.path(), s);
                    if (before != null && !before.sameContent(s)) {
                        throw new IllegalArgumentException("two different contents for '" + s.path() + "' in " + first.target()
                                + ": " + before.label() + " and " + s.label());
                    }
                }
            }
            merged.add(new RepositoryChange(first.target(), first.author(), dirs, first.context(), List.copyOf(shared.values())));
        }
        return merged;
    }
}
