package io.orca.publish;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code orca history}: the publishes of one network in one repository (decision 0029). A publish is a commit on the
 * branch's first-parent chain that changed a file this network owns (listed in one of its manifests
 * {@code .orca/owned/<release_dir>.owned} before or after the commit, or the manifest itself); what it changed is
 * computed from the tree diff, not from the commit message. A shared repository's commits of other networks, and
 * commits that changed only files Orca did not write, are not publishes of this network.
 */
public final class PublishHistory {
    static {
        JGitSettings.install();
    }

    private PublishHistory() {
    }

    /**
     * Which files are this network's: its name and organizations ({@link Ownership#isOurs}), and the release_dirs
     * selected ({@code dirs}; null: every release_dir this network owns in the repository).
     */
    public record Scope(String network, SortedSet<String> organizations, SortedSet<String> dirs) {
        public Scope {
            organizations = Collections.unmodifiableSortedSet(new TreeSet<>(organizations));
            dirs = dirs == null ? null : Collections.unmodifiableSortedSet(new TreeSet<>(dirs));
        }
    }

    /** One publish: the commit, when and by whom, its subject, and what changed in this network's files. */
    public record Entry(String commit, Instant time, String author, String email, String subject, List<String> directories,
                        List<HelmReleaseRef> addedReleases, List<HelmReleaseRef> changedReleases,
                        List<HelmReleaseRef> removedReleases, int addedFiles, int changedFiles, int removedFiles) {
        public Entry {
            directories = List.copyOf(directories);
            addedReleases = List.copyOf(addedReleases);
            changedReleases = List.copyOf(changedReleases);
            removedReleases = List.copyOf(removedReleases);
        }
    }

    /** One repository's publishes, newest first; {@code failure} says why it could not be read (then no entries). */
    public record Log(String url, String branch, String head, List<Entry> entries, String failure) {
        public Log {
            entries = List.copyOf(entries);
        }
    }

    /** Reads the publishes of {@code scope} on {@code target}'s branch, newest first; at most {@code limit} (0: all). */
    public static Log read(PublishOptions options, GitTarget target, Scope scope, int limit) {
        try {
            return fetched(options, target, false, (repo, t, transports, head) -> {
                if (head == null) return new Log(target.displayUrl(), target.branch(), null, List.of(), null);
                List<Entry> entries = new ArrayList<>();
                try (RevWalk rw = new RevWalk(repo)) {
                    rw.setFirstParent(true);
                    rw.markStart(rw.parseCommit(head));
                    for (RevCommit c : rw) {
                        entry(repo, c, scope).ifPresent(entries::add);
                        if (limit > 0 && entries.size() >= limit) break;
                    }
                }
                return new Log(target.displayUrl(), target.branch(), head.name(), entries, null);
            });
        } catch (PublishException e) {
            return new Log(target.displayUrl(), target.branch(), null, List.of(), e.getMessage());
        }
    }

    /** Work done with the branch fetched into the locked cache; {@code repo}, {@code t} and {@code head} are null when a local repository does not exist. */
    interface Work<T> {
        T run(Repository repo, Transport t, GitTransports transports, ObjectId head) throws Exception;
    }

    /**
     * Fetches {@code target}'s branch into its cache (holding the cache's lock, and with {@code runLock} the run lock
     * that {@code orca publish} holds too) and runs {@code work}. A repository that cannot be read fails with a safe,
     * one-line message.
     */
    static <T> T fetched(PublishOptions options, GitTarget target, boolean runLock, Work<T> work) throws PublishException {
        try (GitTransports transports = new GitTransports(target, options.workDir(), (int) Math.max(1, options.transportTimeout().toSeconds()));
             RepositoryCache.Lock run = runLock ? RepositoryCache.runLock(options.workDir(), target, options.lockTimeout()) : null;
             RepositoryCache.Lock cache = RepositoryCache.lock(options.workDir(), target, options.lockTimeout())) {
            if (transports.missingLocalRepository()) {
                try {
                    return work.run(null, null, transports, null);
                } catch (PublishException e) {
                    throw e;
                } catch (Exception e) {
                    throw new PublishException(transports.describe("read", e), e);
                }
            }
            Path dir = RepositoryCache.repositoryDir(options.workDir(), target);
            try (Repository repo = new Publisher(options).openCache(dir, false); Transport t = transports.open(repo)) {
                String branchRef = Constants.R_HEADS + target.branch();
                ObjectId head = Publisher.fetch(repo, t, branchRef, Constants.R_REMOTES + "origin/" + target.branch(), transports);
                return work.run(repo, t, transports, head);
            } catch (PublishException e) {
                throw new PublishException(Redaction.redact(e.getMessage(), transports.secrets()), e);
            } catch (Exception e) {
                throw new PublishException(transports.describe("read", e), e);
            }
        }
    }

    /** The manifests in {@code tree} that are this network's and in scope, by release_dir. */
    static Map<String, Ownership.Manifest> ours(Repository repo, RevTree tree, Scope scope) throws IOException {
        Map<String, Ownership.Manifest> out = new TreeMap<>();
        for (Map.Entry<String, Optional<Ownership.Manifest>> e : manifests(repo, tree).entrySet()) {
            if (scope.dirs() != null && !scope.dirs().contains(e.getKey())) continue;
            Optional<Ownership.Manifest> m = e.getValue();
            if (m.isPresent() && Ownership.isOurs(m.get(), scope.network(), scope.organizations())) out.put(e.getKey(), m.get());
        }
        return out;
    }

    /** Every manifest in {@code tree} by release_dir; empty when Orca could not have written it. */
    static Map<String, Optional<Ownership.Manifest>> manifests(Repository repo, RevTree tree) throws IOException {
        Map<String, Optional<Ownership.Manifest>> out = new TreeMap<>();
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(tree);
            tw.setRecursive(true);
            tw.setFilter(PathFilter.create(Ownership.PREFIX.substring(0, Ownership.PREFIX.length() - 1)));
            while (tw.next()) {
                Optional<String> dir = Ownership.dirOf(tw.getPathString());
                if (dir.isPresent()) out.put(dir.get(), Ownership.parse(dir.get(), repo.open(tw.getObjectId(0)).getBytes()));
            }
        }
        return out;
    }

    /** The repository paths a set of manifests covers: the files they list and the manifests themselves. */
    static Set<String> ownedPaths(Iterable<Ownership.Manifest> manifests) {
        Set<String> out = new HashSet<>();
        for (Ownership.Manifest m : manifests) {
            out.addAll(m.paths());
            out.add(Ownership.manifestPath(m.dir()));
        }
        return out;
    }

    /** {@code c} as a publish of {@code scope}, or empty when it changed none of the network's files. */
    static Optional<Entry> entry(Repository repo, RevCommit c, Scope scope) throws IOException {
        RevCommit parent;
        try (RevWalk pw = new RevWalk(repo)) {
            parent = c.getParentCount() == 0 ? null : pw.parseCommit(c.getParent(0).getId());
            RevTree tree = pw.parseTree(c.getTree().getId());
            Map<String, Ownership.Manifest> after = ours(repo, tree, scope);
            Map<String, Ownership.Manifest> before = parent == null ? Map.of() : ours(repo, parent.getTree(), scope);
            if (after.isEmpty() && before.isEmpty()) return Optional.empty();
            Set<String> owned = ownedPaths(after.values());
            owned.addAll(ownedPaths(before.values()));
            List<Publisher.FileChange> files = new ArrayList<>();
            for (Publisher.FileChange f : DesiredTree.compare(repo, parent == null ? null : parent.getTree().getId(), tree.getId())) {
                if (owned.contains(f.path())) files.add(f);
            }
            if (files.isEmpty()) return Optional.empty();
            Set<String> dirs = new TreeSet<>(after.keySet());
            dirs.addAll(before.keySet());
            Publisher.Changes changes = DesiredTree.summarize(repo, files, dirs);
            SortedSet<String> touched = new TreeSet<>();
            int added = 0, changed = 0, removed = 0;
            for (Publisher.FileChange f : files) {
                dirs.stream().filter(d -> RepoPaths.isUnder(f.path(), d) || f.path().equals(Ownership.manifestPath(d)))
                        .findFirst().ifPresent(touched::add);
                if (f.path().startsWith(Ownership.PREFIX)) continue;
                if (f.oldId() == null) added++;
                else if (f.newId() == null) removed++;
                else changed++;
            }
            PersonIdent who = c.getAuthorIdent();
            return Optional.of(new Entry(c.name(), who.getWhenAsInstant(), who.getName(), who.getEmailAddress(),
                    c.getShortMessage(), List.copyOf(touched), changes.addedReleases(), changes.changedReleases(),
                    changes.removedReleases(), added, changed, removed));
        }
    }
}
