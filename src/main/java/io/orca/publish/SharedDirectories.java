package io.orca.publish;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The shared directories' part of a publish (decision 0027): which files of co-owned directories go, which are
 * written, with which owners, and what is refused. A directory this network needs gets its files and a manifest naming
 * every network that uses it; one it no longer needs loses this network as owner, and its files go with the last
 * owner. Another owner's directory whose content differs from this network's is never changed.
 */
final class SharedDirectories {
    private SharedDirectories() {
    }

    /**
     * @param delete   repository paths to take out of the tree (this network's shared files and manifests, replaced by {@code files})
     * @param files    repository path → bytes to write (files and manifests)
     * @param dirs     the shared directories this publish changes
     * @param refusals reasons to refuse the publish
     */
    record Plan(Set<String> delete, Map<String, byte[]> files, Set<String> dirs, List<String> refusals) {
    }

    private static final ObjectInserter.Formatter IDS = new ObjectInserter.Formatter();

    static Plan plan(Repository repo, Map<String, DesiredTree.Entry> remaining, RepositoryChange change, String network,
                     SortedSet<String> organizations, boolean pruneRemoved) throws IOException {
        Set<String> delete = new HashSet<>();
        Map<String, byte[]> files = new TreeMap<>();
        Set<String> dirs = new TreeSet<>();
        List<String> refusals = new ArrayList<>();
        Map<String, SharedDirectory> wanted = new TreeMap<>();
        for (SharedDirectory d : change.shared()) wanted.put(d.path(), d);
        Map<String, List<SharedOwnership.Owner>> others = new TreeMap<>();
        SharedOwnership.Owner us = new SharedOwnership.Owner(network, organizations);
        for (Map.Entry<String, DesiredTree.Entry> e : List.copyOf(remaining.entrySet())) {
            Optional<String> dir = Ownership.dirOf(e.getKey());
            if (dir.isEmpty()) continue;
            byte[] bytes = repo.open(e.getValue().id()).getBytes();
            Optional<SharedOwnership.Manifest> parsed = SharedOwnership.parse(dir.get(), bytes);
            List<String> overlapping = wanted.keySet().stream()
                    .filter(p -> !p.equals(dir.get()) && (RepoPaths.isUnder(p, dir.get()) || RepoPaths.isUnder(dir.get(), p))).toList();
            if (!overlapping.isEmpty()) {
                String whose = parsed.map(m -> "shared directory (" + m.label() + ")")
                        .or(() -> Ownership.parse(dir.get(), bytes).map(m -> "release_dir of network " + m.network()
                                + " (organizations " + String.join(", ", m.organizations()) + ")"))
                        .orElse("directory of someone else");
                refusals.add(String.join(", ", overlapping) + " overlaps " + dir.get() + ", a " + whose + " according to "
                        + e.getKey() + ": choose another chart_source");
                continue;
            }
            if (parsed.isEmpty()) continue;
            SharedOwnership.Manifest m = parsed.get();
            SharedDirectory want = wanted.get(m.dir());
            List<SharedOwnership.Owner> rest = m.owners().stream().filter(o -> !o.is(network, organizations)).toList();
            boolean ours = rest.size() < m.owners().size();
            if (want == null) {
                if (!ours || !pruneRemoved) continue;
                // this network no longer uses it: it leaves; the last owner takes the files with it
                delete.add(e.getKey());
                if (rest.isEmpty()) delete.addAll(m.paths());
                else files.put(e.getKey(), SharedOwnership.format(m.dir(), m.label(), rest, m.files()));
                dirs.add(m.dir());
                continue;
            }
            if (!rest.isEmpty() && !sameContent(remaining, m, want)) {
                refusals.add(m.dir() + " holds " + m.label() + " for " + rest.get(0).describe()
                        + (rest.size() > 1 ? " and " + (rest.size() - 1) + " more" : "") + ", and this network's "
                        + want.label() + " differs: publish these networks with the same Orca, or give this one another chart_source");
                continue;
            }
            delete.add(e.getKey());
            delete.addAll(m.paths());
            others.put(m.dir(), rest);
        }
        for (SharedDirectory d : wanted.values()) {
            List<SharedOwnership.Owner> owners = new ArrayList<>(others.getOrDefault(d.path(), List.of()));
            owners.add(us);
            for (Map.Entry<String, byte[]> f : d.files().entrySet()) files.put(d.path() + "/" + f.getKey(), f.getValue());
            files.put(Ownership.manifestPath(d.path()), SharedOwnership.format(d.path(), d.label(), owners, d.files().keySet()));
            dirs.add(d.path());
        }
        return new Plan(delete, files, dirs, refusals);
    }

    /** Whether the repository holds exactly the files {@code want} would write, listed by {@code m}, byte for byte. */
    private static boolean sameContent(Map<String, DesiredTree.Entry> remaining, SharedOwnership.Manifest m, SharedDirectory want) {
        if (!m.files().equals(want.files().keySet())) return false;
        for (Map.Entry<String, byte[]> f : want.files().entrySet()) {
            DesiredTree.Entry there = remaining.get(m.dir() + "/" + f.getKey());
            if (there == null || there.mode() != FileMode.REGULAR_FILE) return false;
            ObjectId id = IDS.idFor(Constants.OBJ_BLOB, f.getValue());
            if (!there.id().equals(id)) return false;
        }
        return true;
    }
}
