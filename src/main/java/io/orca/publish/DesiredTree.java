package io.orca.publish;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

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
 * Builds the tree a publish commits: the remote head's tree, minus the files this network wrote earlier (its
 * manifests, {@link Ownership}), plus the desired files and their new manifests. Nothing else of the repository is
 * changed; a file Orca did not write that stands where Orca must write fails the publish, as does a release_dir
 * that another network owns.
 */
final class DesiredTree {
    private static final int MAX_LISTED = 5;

    private DesiredTree() {
    }

    record Entry(FileMode mode, ObjectId id) {
    }

    static Publisher.Built build(Repository repo, ObjectInserter ins, RevCommit head, RepositoryChange change,
                                 boolean pruneRemoved) throws IOException, PublishException {
        ObjectId baseTree = head == null ? null : head.getTree().getId();
        String network = change.context().networkName().replaceAll("[\\p{Cntrl}]", "_");
        SortedSet<String> organizations = new TreeSet<>(change.context().organizations());
        if (organizations.isEmpty()) {
            for (OwnedDirectory d : change.directories()) if (d.organization() != null) organizations.add(d.organization());
        }
        TreeMap<String, Entry> remaining = new TreeMap<>();
        if (baseTree != null) {
            try (TreeWalk tw = new TreeWalk(repo)) {
                tw.addTree(baseTree);
                tw.setRecursive(true);
                while (tw.next()) remaining.put(tw.getPathString(), new Entry(tw.getFileMode(0), tw.getObjectId(0)));
            }
        }
        Set<String> published = new TreeSet<>();
        for (OwnedDirectory d : change.directories()) published.add(d.path());
        // what this network wrote before and replaces or prunes now; what another network owns
        Set<String> delete = new HashSet<>();
        Set<String> touched = new TreeSet<>(published);
        List<String> refusals = new ArrayList<>();
        for (Map.Entry<String, Entry> e : List.copyOf(remaining.entrySet())) {
            Optional<String> dir = Ownership.dirOf(e.getKey());
            if (dir.isEmpty()) continue;
            Optional<Ownership.Manifest> m = Ownership.parse(dir.get(), repo.open(e.getValue().id()).getBytes());
            boolean overlaps = published.stream().anyMatch(p -> RepoPaths.isUnder(p, dir.get()) || RepoPaths.isUnder(dir.get(), p));
            if (m.isEmpty() || !Ownership.isOurs(m.get(), network, organizations)) {
                if (overlaps) {
                    refusals.add(dir.get() + " belongs to " + m.map(x -> "network " + x.network() + " (organizations "
                            + String.join(", ", x.organizations()) + ")").orElse("someone else") + " according to "
                            + e.getKey() + "; Orca does not touch another network's files: choose another release_dir");
                }
                continue;
            }
            if (overlaps || pruneRemoved) {
                delete.addAll(m.get().paths());
                delete.add(e.getKey());
                touched.add(dir.get());
            }
        }
        Set<String> legacy = legacyDirectories(repo, remaining, network, published);
        SharedDirectories.Plan shared = SharedDirectories.plan(repo, remaining, change, network, organizations, pruneRemoved);
        refusals.addAll(shared.refusals());
        touched.addAll(shared.dirs());
        remaining.keySet().removeAll(delete);
        remaining.keySet().removeAll(shared.delete());
        // the desired files: a file Orca did not write may not stand in their way (one with the same bytes is adopted)
        Map<String, ObjectId> desired = new TreeMap<>();
        List<String> inTheWay = new ArrayList<>();
        List<String> plaintext = new ArrayList<>();
        for (OwnedDirectory d : change.directories()) {
            for (Map.Entry<String, byte[]> f : d.files().entrySet()) {
                String p = d.path() + "/" + f.getKey();
                PlaintextSecrets.reason(p, f.getValue()).ifPresent(plaintext::add);
                place(ins, remaining, desired, inTheWay, p, f.getValue(), legacy.contains(d.path()));
            }
            if (!d.files().isEmpty()) {
                String manifest = Ownership.manifestPath(d.path());
                if (remaining.containsKey(manifest)) inTheWay.add(manifest);
                desired.put(manifest, ins.insert(Constants.OBJ_BLOB,
                        Ownership.format(d.path(), network, organizations, d.files().keySet())));
            }
        }
        for (Map.Entry<String, byte[]> f : shared.files().entrySet()) {
            PlaintextSecrets.reason(f.getKey(), f.getValue()).ifPresent(plaintext::add);
            place(ins, remaining, desired, inTheWay, f.getKey(), f.getValue(), false);
        }
        if (!plaintext.isEmpty()) {
            refusals.add(listed(plaintext) + ": Orca never commits a Secret in plaintext");
        }
        if (!inTheWay.isEmpty()) {
            List<String> sorted = List.copyOf(new TreeSet<>(inTheWay));
            refusals.add(listed(sorted) + (sorted.size() == 1 ? " is" : " are") + " in the way of files Orca must write,"
                    + " and Orca did not write " + (sorted.size() == 1 ? "it" : "them") + " for network " + network
                    + ": move or delete " + (sorted.size() == 1 ? "it" : "them") + " in the repository, or choose another "
                    + (sorted.stream().anyMatch(p -> shared.dirs().stream().anyMatch(d -> RepoPaths.isUnder(p, d)))
                    ? "chart_source" : "release_dir"));
        }
        if (!refusals.isEmpty()) {
            throw new PublishException("refusing to publish to " + change.target().displayUrl() + " (" + change.target().branch()
                    + "): " + String.join("; ", refusals) + "; nothing was pushed");
        }
        DirCache dc = DirCache.newInCore();
        DirCacheBuilder b = dc.builder();
        for (Map.Entry<String, Entry> e : remaining.entrySet()) {
            DirCacheEntry de = new DirCacheEntry(e.getKey());
            de.setFileMode(e.getValue().mode());
            de.setObjectId(e.getValue().id());
            b.add(de);
        }
        for (Map.Entry<String, ObjectId> e : desired.entrySet()) {
            DirCacheEntry de = new DirCacheEntry(e.getKey());
            de.setFileMode(FileMode.REGULAR_FILE);
            de.setObjectId(e.getValue());
            b.add(de);
        }
        b.finish();
        ObjectId tree = dc.writeTree(ins);
        ins.flush();
        List<Publisher.FileChange> files = compare(repo, baseTree, tree);
        return new Publisher.Built(baseTree, tree, files, summarize(repo, files, touched));
    }

    /**
     * Puts a desired file into the tree, noting what stands in its way: a file Orca did not write at its path (one with
     * the very same bytes is adopted, and with {@code overwrite} — a legacy release_dir — any regular file is), a file
     * where one of its folders must go, or files under its path.
     */
    private static void place(ObjectInserter ins, TreeMap<String, Entry> remaining, Map<String, ObjectId> desired,
                              List<String> inTheWay, String p, byte[] bytes, boolean overwrite) throws IOException {
        ObjectId id = ins.insert(Constants.OBJ_BLOB, bytes);
        desired.put(p, id);
        Entry there = remaining.get(p);
        if (there != null) {
            if (there.id().equals(id) && there.mode() == FileMode.REGULAR_FILE) remaining.remove(p);
            else if (there.mode() == FileMode.REGULAR_FILE && overwrite) remaining.remove(p);
            else inTheWay.add(p);
        }
        for (int i = p.indexOf('/'); i > 0; i = p.indexOf('/', i + 1)) {
            if (remaining.containsKey(p.substring(0, i))) inTheWay.add(p.substring(0, i));
        }
        String under = remaining.ceilingKey(p + "/");
        if (under != null && under.startsWith(p + "/")) inTheWay.add(under);
    }

    /**
     * Release directories of this publish that an Orca before decision 0023 published for this network: listed in the
     * old ownership file {@code .orca/<network>.owned} and without a manifest yet. Orca may overwrite the files it
     * writes again there (an upgraded Orca publishing a changed release); it deletes nothing there on that file's
     * word, because the old file did not say which files Orca wrote.
     */
    private static Set<String> legacyDirectories(Repository repo, TreeMap<String, Entry> remaining, String network,
                                                 Set<String> published) throws IOException {
        Entry old = remaining.get(".orca/" + network + Ownership.SUFFIX);
        if (old == null || old.mode() != FileMode.REGULAR_FILE) return Set.of();
        Set<String> out = new TreeSet<>();
        String text = new String(repo.open(old.id()).getBytes(), java.nio.charset.StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            String dir = line.strip();
            if (published.contains(dir) && !remaining.containsKey(Ownership.manifestPath(dir))) out.add(dir);
        }
        return out;
    }

    private static String listed(List<String> paths) {
        if (paths.size() <= MAX_LISTED) return String.join(", ", paths);
        return String.join(", ", paths.subList(0, MAX_LISTED)) + " and " + (paths.size() - MAX_LISTED) + " more";
    }

    private static List<Publisher.FileChange> compare(Repository repo, ObjectId oldTree, ObjectId newTree) throws IOException {
        List<Publisher.FileChange> out = new ArrayList<>();
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(oldTree == null ? new EmptyTreeIterator() : parser(repo, oldTree));
            tw.addTree(parser(repo, newTree));
            tw.setRecursive(true);
            tw.setFilter(TreeFilter.ANY_DIFF);
            while (tw.next()) {
                ObjectId a = tw.getFileMode(0) == FileMode.MISSING ? null : tw.getObjectId(0);
                ObjectId b = tw.getFileMode(1) == FileMode.MISSING ? null : tw.getObjectId(1);
                out.add(new Publisher.FileChange(tw.getPathString(), a, b));
            }
        }
        return out;
    }

    static AbstractTreeIterator parser(Repository repo, ObjectId tree) throws IOException {
        CanonicalTreeParser p = new CanonicalTreeParser();
        try (ObjectReader r = repo.newObjectReader()) {
            p.reset(r, tree);
        }
        return p;
    }

    private static Publisher.Changes summarize(Repository repo, List<Publisher.FileChange> files, Set<String> owned) throws IOException {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        Map<HelmReleaseRef, String> before = new TreeMap<>();
        Map<HelmReleaseRef, String> after = new TreeMap<>();
        try (ObjectReader r = repo.newObjectReader()) {
            for (Publisher.FileChange f : files) {
                if (f.oldId() == null) added.add(f.path());
                else if (f.newId() == null) removed.add(f.path());
                else changed.add(f.path());
                if (!HelmReleases.isYaml(f.path())) continue;
                String dir = owned.stream().filter(o -> RepoPaths.isUnder(f.path(), o)).findFirst().orElse("");
                if (f.oldId() != null) before.putAll(HelmReleases.find(dir, r.open(f.oldId()).getBytes()));
                if (f.newId() != null) after.putAll(HelmReleases.find(dir, r.open(f.newId()).getBytes()));
            }
        }
        List<HelmReleaseRef> addedR = new ArrayList<>();
        List<HelmReleaseRef> changedR = new ArrayList<>();
        List<HelmReleaseRef> removedR = new ArrayList<>();
        for (Map.Entry<HelmReleaseRef, String> e : after.entrySet()) {
            String old = before.get(e.getKey());
            if (old == null) addedR.add(e.getKey());
            else if (!old.equals(e.getValue())) changedR.add(e.getKey());
        }
        for (HelmReleaseRef k : before.keySet()) if (!after.containsKey(k)) removedR.add(k);
        return new Publisher.Changes(added, changed, removed, addedR, changedR, removedR);
    }
}
