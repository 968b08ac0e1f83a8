package io.orca.publish;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code orca rollback}: a new commit on top of the branch whose files of this network (in scope) are those of an
 * earlier publish REV — the files its manifests listed at REV, byte for byte (sealed Secrets as the ciphertext they
 * were), and the manifests of REV — while every other file stays as it is now (decision 0029). Never a force push:
 * the push is a compare-and-swap on the head the rollback was built on, and a branch that moved meanwhile fails the
 * rollback (nothing pushed) rather than rebuilding on a publish the user has not seen.
 */
public final class Rollback {
    private static final int MAX_LISTED = 5;

    private Rollback() {
    }

    /**
     * @param report          the repository's outcome (COMMITTED, UNCHANGED, WOULD_CHANGE or FAILED)
     * @param unknownRevision REV is not a publish of this network on this branch (a usage error)
     * @param revision        REV's full commit id, when it was found
     * @param releases        the HelmReleases of the restored files (what a wait follows)
     */
    public record Result(RepositoryReport report, boolean unknownRevision, String revision, List<HelmReleaseRef> releases) {
        public Result {
            releases = List.copyOf(releases);
        }
    }

    private record Blob(FileMode mode, ObjectId id) {
    }

    private static final class Refused extends Exception {
        final boolean unknownRevision;

        Refused(String message, boolean unknownRevision) {
            super(message);
            this.unknownRevision = unknownRevision;
        }
    }

    /** Rolls {@code scope}'s files on {@code target} back to {@code rev} (a commit id, abbreviated or not). Never throws. */
    public static Result rollback(PublishOptions options, GitTarget target, PublishHistory.Scope scope, String rev, Author author) {
        try {
            return PublishHistory.fetched(options, target, !options.dryRun(), (repo, t, transports, head) -> {
                try {
                    return rollback(options, target, scope, rev, author, repo, t, transports, head);
                } catch (Refused e) {
                    return new Result(RepositoryReport.failed(target, e.getMessage(), 0), e.unknownRevision, null, List.of());
                }
            });
        } catch (PublishException e) {
            return new Result(RepositoryReport.failed(target, e.getMessage(), 0), false, null, List.of());
        }
    }

    private static Result rollback(PublishOptions options, GitTarget target, PublishHistory.Scope scope, String rev,
                                   Author author, Repository repo, Transport t, GitTransports transports, ObjectId head)
            throws Exception {
        String where = "branch " + target.branch() + " of " + target.displayUrl();
        String hint = "; `orca history` lists the publishes you can roll back to";
        if (head == null) throw new Refused("no commit " + rev + " on " + where + ": the branch has no commits" + hint, true);
        if (!rev.matches("[0-9a-fA-F]{4,40}")) {
            throw new Refused("'" + rev + "' is not a commit id (4 to 40 hexadecimal digits)" + hint, true);
        }
        try (RevWalk rw = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            RevCommit headCommit = rw.parseCommit(head);
            List<RevCommit> found = new ArrayList<>();
            for (ObjectId id : reader.resolve(AbbreviatedObjectId.fromString(rev.toLowerCase(java.util.Locale.ROOT)))) {
                RevObject o = rw.parseAny(id);
                if (o instanceof RevCommit c && rw.isMergedInto(c, headCommit)) found.add(c);
            }
            if (found.size() > 1) throw new Refused(rev + " names " + found.size() + " commits on " + where + ": give more digits" + hint, true);
            if (found.isEmpty()) throw new Refused("no commit " + rev + " on " + where + hint, true);
            RevCommit target0 = rw.parseCommit(found.get(0));
            if (PublishHistory.entry(repo, target0, scope).isEmpty()) {
                throw new Refused("commit " + target0.abbreviate(12).name() + " on " + where + " is not a publish of network "
                        + scope.network() + (scope.dirs() == null ? "" : " in " + String.join(", ", scope.dirs()))
                        + " (it changed none of its files)" + hint, true);
            }
            return build(options, target, scope, author, repo, t, transports, headCommit, target0);
        }
    }

    private static Result build(PublishOptions options, GitTarget target, PublishHistory.Scope scope, Author author,
                                Repository repo, Transport t, GitTransports transports, RevCommit head, RevCommit to)
            throws Exception {
        Map<String, Ownership.Manifest> now = PublishHistory.ours(repo, head.getTree(), scope);
        Map<String, Ownership.Manifest> then = PublishHistory.ours(repo, to.getTree(), scope);
        List<String> refusals = new ArrayList<>();
        // a release_dir another network (or a manifest Orca cannot read) took since REV is not ours to restore
        for (Map.Entry<String, Optional<Ownership.Manifest>> e : PublishHistory.manifests(repo, head.getTree()).entrySet()) {
            Optional<Ownership.Manifest> m = e.getValue();
            if (m.isPresent() && Ownership.isOurs(m.get(), scope.network(), scope.organizations())) continue;
            if (then.keySet().stream().anyMatch(d -> RepoPaths.isUnder(d, e.getKey()) || RepoPaths.isUnder(e.getKey(), d))) {
                refusals.add(e.getKey() + " belongs to " + m.map(x -> "network " + x.network()).orElse("someone else")
                        + " according to " + Ownership.manifestPath(e.getKey()));
            }
        }
        TreeMap<String, Blob> remaining = files(repo, head.getTree(), null);
        remaining.keySet().removeAll(PublishHistory.ownedPaths(now.values()));
        TreeMap<String, Blob> restored = files(repo, to.getTree(), PublishHistory.ownedPaths(then.values()));
        List<String> inTheWay = new ArrayList<>();
        List<String> plaintext = new ArrayList<>();
        List<HelmReleaseRef> releases = new ArrayList<>();
        for (Map.Entry<String, Blob> e : restored.entrySet()) {
            String p = e.getKey();
            Blob there = remaining.get(p);
            if (there != null) {
                if (there.equals(e.getValue())) remaining.remove(p);
                else inTheWay.add(p);
            }
            for (int i = p.indexOf('/'); i > 0; i = p.indexOf('/', i + 1)) {
                if (remaining.containsKey(p.substring(0, i))) inTheWay.add(p.substring(0, i));
            }
            String under = remaining.ceilingKey(p + "/");
            if (under != null && under.startsWith(p + "/")) inTheWay.add(under);
            if (p.startsWith(Ownership.PREFIX)) continue;
            byte[] bytes = repo.open(e.getValue().id()).getBytes();
            // a human commit at REV could hold one: restoring it would publish it again
            PlaintextSecrets.reason(p, bytes).ifPresent(plaintext::add);
            if (HelmReleases.isYaml(p)) {
                String dir = then.keySet().stream().filter(d -> RepoPaths.isUnder(p, d)).findFirst().orElse("");
                releases.addAll(HelmReleases.find(dir, bytes).keySet());
            }
        }
        if (!plaintext.isEmpty()) refusals.add(listed(plaintext) + ": Orca never commits a Secret in plaintext");
        if (!inTheWay.isEmpty()) {
            refusals.add(listed(List.copyOf(new TreeSet<>(inTheWay))) + " stand(s) where the rollback must restore files,"
                    + " and Orca did not write them for network " + scope.network() + ": move or delete them in the repository");
        }
        if (!refusals.isEmpty()) {
            throw new Refused("refusing to roll back " + target.displayUrl() + " (" + target.branch() + ") to "
                    + to.abbreviate(12).name() + ": " + String.join("; ", refusals) + "; nothing was pushed", false);
        }
        ObjectId tree;
        try (ObjectInserter ins = repo.newObjectInserter()) {
            DirCache dc = DirCache.newInCore();
            DirCacheBuilder b = dc.builder();
            TreeMap<String, Blob> all = new TreeMap<>(remaining);
            all.putAll(restored);
            for (Map.Entry<String, Blob> e : all.entrySet()) {
                DirCacheEntry de = new DirCacheEntry(e.getKey());
                de.setFileMode(e.getValue().mode());
                de.setObjectId(e.getValue().id());
                b.add(de);
            }
            b.finish();
            tree = dc.writeTree(ins);
            ins.flush();
        }
        List<Publisher.FileChange> files = DesiredTree.compare(repo, head.getTree().getId(), tree);
        Set<String> dirs = new TreeSet<>(now.keySet());
        dirs.addAll(then.keySet());
        Publisher.Changes changes = DesiredTree.summarize(repo, files, dirs);
        Publisher.Built built = new Publisher.Built(head.getTree().getId(), tree, files, changes);
        String rev = to.name();
        if (built.unchanged()) {
            return result(target, PublishStatus.UNCHANGED, head, built, "", "releases already as at " + to.abbreviate(12).name(), rev, releases);
        }
        if (options.dryRun()) {
            return result(target, PublishStatus.WOULD_CHANGE, head, built, Publisher.unifiedDiff(repo, built),
                    "would roll back to " + to.abbreviate(12).name(), rev, releases);
        }
        ObjectId commit;
        try (ObjectInserter ins = repo.newObjectInserter()) {
            CommitBuilder cb = new CommitBuilder();
            PersonIdent who = new PersonIdent(author.name(), author.email());
            cb.setAuthor(who);
            cb.setCommitter(who);
            cb.setTreeId(tree);
            cb.setParentId(head);
            cb.setMessage(message(scope, to, dirs, changes));
            commit = ins.insert(cb);
            ins.flush();
        }
        options.hooks().beforePush(target, commit.name(), 1);
        String branchRef = Constants.R_HEADS + target.branch();
        RemoteRefUpdate update = new RemoteRefUpdate(repo, commit.name(), commit, branchRef, false, null, head);
        PushResult pushed;
        try {
            pushed = t.push(NullProgressMonitor.INSTANCE, List.of(update));
        } catch (Exception e) {
            throw new PublishException(transports.describe("push to", e), e);
        }
        RemoteRefUpdate r = pushed.getRemoteUpdate(branchRef);
        if (r.getStatus() != RemoteRefUpdate.Status.OK && r.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
            // A publish landed between our fetch and push: rebuilding on it would undo a publish nobody reviewed.
            throw new Refused("push to " + target.displayUrl() + " rejected (" + r.getStatus()
                    + (r.getMessage() == null ? "" : ": " + r.getMessage()) + "): the branch " + target.branch()
                    + " moved since the rollback read it (another publish?); nothing was pushed: check `orca history` and run the rollback again", false);
        }
        Publisher.updateRef(repo, Constants.R_REMOTES + "origin/" + target.branch(), commit);
        return result(target, PublishStatus.COMMITTED, commit, built, "", "rolled back to " + to.abbreviate(12).name(), rev, releases);
    }

    /** The files of {@code tree}, all of them or only {@code only}. */
    private static TreeMap<String, Blob> files(Repository repo, org.eclipse.jgit.revwalk.RevTree tree, Set<String> only) throws Exception {
        TreeMap<String, Blob> out = new TreeMap<>();
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(tree);
            tw.setRecursive(true);
            while (tw.next()) {
                String p = tw.getPathString();
                if (only == null || only.contains(p)) out.put(p, new Blob(tw.getFileMode(0), tw.getObjectId(0)));
            }
        }
        return out;
    }

    static String message(PublishHistory.Scope scope, RevCommit to, Set<String> dirs, Publisher.Changes c) {
        StringBuilder sb = new StringBuilder("orca: roll back network ").append(scope.network()).append(" to ")
                .append(to.abbreviate(12).name()).append(": ").append(c.addedReleases().size()).append(" added, ")
                .append(c.changedReleases().size()).append(" changed, ").append(c.removedReleases().size())
                .append(" removed releases\n\n");
        sb.append("Network: ").append(scope.network()).append('\n');
        sb.append("Rolled-back-to: ").append(to.name()).append(" (").append(to.getShortMessage()).append(")\n");
        sb.append("Directories: ").append(String.join(", ", dirs)).append('\n');
        list(sb, "Added releases", c.addedReleases());
        list(sb, "Changed releases", c.changedReleases());
        list(sb, "Removed releases", c.removedReleases());
        return sb.toString();
    }

    private static void list(StringBuilder sb, String title, List<HelmReleaseRef> refs) {
        if (refs.isEmpty()) return;
        sb.append(title).append(':');
        for (int i = 0; i < refs.size() && i < 30; i++) sb.append(i == 0 ? " " : ", ").append(refs.get(i).directory()).append(':').append(refs.get(i));
        if (refs.size() > 30) sb.append(", and ").append(refs.size() - 30).append(" more");
        sb.append('\n');
    }

    private static String listed(List<String> paths) {
        if (paths.size() <= MAX_LISTED) return String.join(", ", paths);
        return String.join(", ", paths.subList(0, MAX_LISTED)) + " and " + (paths.size() - MAX_LISTED) + " more";
    }

    private static Result result(GitTarget target, PublishStatus status, ObjectId commit, Publisher.Built built, String diff,
                                 String message, String rev, List<HelmReleaseRef> releases) {
        Publisher.Changes c = built.changes();
        return new Result(new RepositoryReport(target.displayUrl(), target.branch(), status, commit.name(), c.added(), c.changed(),
                c.removed(), c.addedReleases(), c.changedReleases(), c.removedReleases(), diff, message, 1), false, rev, releases);
    }
}
