package io.orca.publish;

import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.util.FileUtils;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The publish engine: for each (repository, branch), fetch into a locked local cache, replace only the
 * directories Orca owns, make at most one commit and push it — or, in a dry run, report what would change.
 *
 * <pre>{@code
 * Publisher publisher = new Publisher(PublishOptions.defaults(workDir));
 * PublishReport report = publisher.publish(changes);     // or publisher.diff(changes)
 * System.out.print(report.render(options.dryRun()));
 * System.exit(report.exitCode());
 * }</pre>
 *
 * <p>Safety: the pushed ref update is a compare-and-swap against the fetched head, so a push either lands
 * whole on the head it was built on or not at all; a remote that moved makes the engine fetch, rebuild and
 * retry. Nothing is ever force-pushed. The cache holds no state that matters: the tree is always rebuilt
 * from the fetched remote head, so a killed run leaves nothing that the next one must repair.
 */
public final class Publisher {
    static {
        JGitSettings.install();
    }

    /**
     * A remote's {@code refs/heads/<branch>.lock} at least this old is taken as left by an interrupted push and,
     * for a local remote, deleted. A ref update holds that lock only for the milliseconds between creating it and
     * renaming it over the ref; 10 s is far above that even on a loaded machine or a slow disk, and short enough
     * that the next run recovers by itself.
     */
    static final Duration STALE_REF_LOCK_AGE = Duration.ofSeconds(10);

    private final PublishOptions options;
    private final Duration staleRefLockAge;

    public Publisher(PublishOptions options) {
        this(options, STALE_REF_LOCK_AGE);
    }

    /** With another staleness threshold for a local remote's ref lock (tests). */
    Publisher(PublishOptions options, Duration staleRefLockAge) {
        this.options = options;
        this.staleRefLockAge = staleRefLockAge;
    }

    public PublishOptions options() {
        return options;
    }

    /** Publishes (or, with {@link PublishOptions#dryRun()}, diffs) every change; never throws for one repository's failure. */
    public PublishReport publish(Collection<RepositoryChange> changes) {
        // one change per (repository, branch); a group that cannot merge (overlapping directories) fails alone
        Map<String, List<RepositoryChange>> groups = new java.util.LinkedHashMap<>();
        for (RepositoryChange c : changes) groups.computeIfAbsent(c.target().key(), k -> new ArrayList<>()).add(c);
        List<java.util.function.Supplier<RepositoryReport>> work = new ArrayList<>();
        List<GitTarget> targets = new ArrayList<>();
        for (List<RepositoryChange> group : groups.values()) {
            GitTarget target = group.get(0).target();
            targets.add(target);
            RepositoryChange merged;
            try {
                merged = RepositoryChange.merge(group).get(0);
            } catch (IllegalArgumentException e) {
                String message = e.getMessage();
                work.add(() -> RepositoryReport.failed(target, message, 0));
                continue;
            }
            work.add(() -> publish(merged));
        }
        if (work.size() <= 1 || options.parallelism() == 1) {
            List<RepositoryReport> reports = new ArrayList<>();
            for (var w : work) reports.add(w.get());
            return new PublishReport(reports);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.parallelism(), work.size()), r -> {
            Thread t = new Thread(r, "orca-publish");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<RepositoryReport>> futures = new ArrayList<>();
            for (var w : work) futures.add(pool.submit(w::get));
            List<RepositoryReport> reports = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    reports.add(futures.get(i).get());
                } catch (Exception e) {
                    reports.add(RepositoryReport.failed(targets.get(i), "internal error: " + e.getClass().getSimpleName(), 0));
                }
            }
            return new PublishReport(reports);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A dry run of {@link #publish(Collection)}: fetch, compare and report, push nothing. */
    public PublishReport diff(Collection<RepositoryChange> changes) {
        return new Publisher(options.withDryRun(true)).publish(changes);
    }

    /** Publishes one repository change. Never throws: failures are reported as {@link PublishStatus#FAILED}. */
    public RepositoryReport publish(RepositoryChange change) {
        GitTarget target = change.target();
        GitTransports transports;
        try {
            transports = new GitTransports(target, options.workDir(), (int) Math.max(1, options.transportTimeout().toSeconds()));
        } catch (PublishException e) {
            return RepositoryReport.failed(target, e.getMessage(), 0);
        }
        if (!options.dryRun()) {
            String unwritable = transports.unwritableLocalRepository();
            String refusal = unwritable != null ? "cannot publish to " + target.displayUrl() + ": the repository is not writable ("
                    + unwritable + "); nothing was pushed" : transports.checkedOutBranchRefusal();
            if (refusal != null) {
                transports.close();
                return RepositoryReport.failed(target, refusal, 0);
            }
        }
        Progress progress = new Progress();
        RepositoryReport report;
        try (transports; RepositoryCache.Lock ignored = RepositoryCache.lock(options.workDir(), target, options.lockTimeout())) {
            options.hooks().lockAcquired(target);
            Path dir = RepositoryCache.repositoryDir(options.workDir(), target);
            try {
                report = publishLocked(change, transports, dir, progress, true);
            } catch (CorruptCacheException | IOException e) {
                // The cache is unreadable (e.g. a run was killed while writing it). Transport failures never
                // get here (they are PublishExceptions), so the local cache is at fault: the remote has the
                // truth, start again from an empty cache, once.
                FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
                report = publishLocked(change, transports, dir, progress, false);
            }
        } catch (PublishException e) {
            report = RepositoryReport.failed(target, Redaction.redact(e.getMessage(), transports.secrets()), progress.attempts);
        } catch (Exception e) {
            report = RepositoryReport.failed(target, transports.describe("publish to", e), progress.attempts);
        }
        return progress.removedLock == null ? report : report.withNote(progress.removedLock);
    }

    /** What one repository's publish did so far, across attempts (and a cache rebuild). */
    private static final class Progress {
        int attempts;
        /** Set once a local remote's stale ref lock was deleted: the note for the report. */
        String removedLock;
    }

    /**
     * The files under {@code dirs} on the remote branch's head, as they are now (fetched into the cache), or an
     * empty map when the branch does not exist yet. Generation compares with them: an unchanged encrypted Secret
     * keeps its bytes. Throws {@link PublishException} (a safe, one-line message) when the remote cannot be read.
     */
    public Map<String, byte[]> snapshot(GitTarget target, Collection<String> dirs) throws PublishException {
        try (GitTransports transports = new GitTransports(target, options.workDir(),
                (int) Math.max(1, options.transportTimeout().toSeconds()));
             RepositoryCache.Lock ignored = RepositoryCache.lock(options.workDir(), target, options.lockTimeout())) {
            Path dir = RepositoryCache.repositoryDir(options.workDir(), target);
            try (Repository repo = openCache(dir, true); Transport t = transports.open(repo)) {
                String branchRef = Constants.R_HEADS + target.branch();
                ObjectId head = fetch(repo, t, branchRef, Constants.R_REMOTES + "origin/" + target.branch(), transports);
                Map<String, byte[]> files = new java.util.TreeMap<>();
                if (head == null) return files;
                try (RevWalk rw = new RevWalk(repo); org.eclipse.jgit.treewalk.TreeWalk tw =
                        new org.eclipse.jgit.treewalk.TreeWalk(repo)) {
                    tw.addTree(rw.parseCommit(head).getTree());
                    tw.setRecursive(true);
                    while (tw.next()) {
                        String path = tw.getPathString();
                        if (dirs.stream().anyMatch(d -> RepoPaths.isUnder(path, d))) {
                            files.put(path, repo.open(tw.getObjectId(0)).getBytes());
                        }
                    }
                }
                return files;
            } catch (CorruptCacheException | IOException e) {
                throw new PublishException(transports.describe("read", e), e);
            }
        }
    }

    static final class CorruptCacheException extends Exception {
        CorruptCacheException(Throwable cause) {
            super(cause);
        }
    }

    private RepositoryReport publishLocked(RepositoryChange change, GitTransports transports, Path dir, Progress progress,
                                           boolean mayReset) throws Exception {
        try (Repository repo = openCache(dir, mayReset)) {
            for (int attempt = 1; ; attempt++) {
                progress.attempts = attempt;
                RepositoryReport done;
                // one transport (one ssh session) for this attempt's fetch and push
                boolean emptyLocal = options.dryRun() && transports.missingLocalRepository();
                try (Transport t = emptyLocal ? null : transports.open(repo)) {
                    done = attempt(change, repo, t, transports, attempt, progress);
                }
                if (done != null) return done;
                long base = options.initialBackoff().toMillis() << Math.min(attempt - 1, 10);
                Thread.sleep(base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
            }
        }
    }

    /**
     * One fetch-build-commit-push round; null when the remote moved and another round should run. {@code t} is null
     * in a dry run against a local repository that does not exist yet: it is read as empty.
     */
    private RepositoryReport attempt(RepositoryChange change, Repository repo, Transport t, GitTransports transports,
                                     int attempt, Progress progress) throws Exception {
        GitTarget target = change.target();
        String branchRef = Constants.R_HEADS + target.branch();
        String trackingRef = Constants.R_REMOTES + "origin/" + target.branch();
        // A dry run reads a local repository that does not exist yet as an empty one (and creates nothing).
        ObjectId head = t == null ? null : fetch(repo, t, branchRef, trackingRef, transports);
        Built built;
        try (ObjectInserter ins = bulkInserter(repo); RevWalk rw = new RevWalk(repo)) {
            RevCommit headCommit = head == null ? null : rw.parseCommit(head);
            built = DesiredTree.build(repo, ins, headCommit, change, options.pruneRemoved());
            ins.flush();
        }
        if (built.unchanged()) {
            return report(target, PublishStatus.UNCHANGED, head, built, "", "up to date", attempt);
        }
        if (options.dryRun()) {
            return report(target, PublishStatus.WOULD_CHANGE, head, built, unifiedDiff(repo, built), "would change", attempt);
        }
        ObjectId commit;
        try (ObjectInserter ins = repo.newObjectInserter()) {
            CommitBuilder cb = new CommitBuilder();
            PersonIdent who = new PersonIdent(change.author().name(), change.author().email());
            cb.setAuthor(who);
            cb.setCommitter(who);
            cb.setTreeId(built.tree());
            if (head != null) cb.setParentId(head);
            cb.setMessage(CommitMessages.message(change.context(), change.directories(), built.changes()));
            commit = ins.insert(cb);
            ins.flush();
        }
        options.hooks().beforePush(target, commit.name(), attempt);
        // compare-and-swap: the branch moves from the head we built on to our commit, or nothing happens
        RemoteRefUpdate update = new RemoteRefUpdate(repo, commit.name(), commit, branchRef, false, null,
                head == null ? ObjectId.zeroId() : head);
        PushResult result;
        try {
            result = t.push(NullProgressMonitor.INSTANCE, List.of(update));
        } catch (Exception e) {
            throw new PublishException(transports.describe("push to", e), e);
        }
        RemoteRefUpdate r = result.getRemoteUpdate(branchRef);
        RemoteRefUpdate.Status status = r.getStatus();
        String remoteMessage = r.getMessage();
        // UP_TO_DATE: the remote already has this very commit (an identical publish at the same second pushed it first)
        if (status == RemoteRefUpdate.Status.OK || status == RemoteRefUpdate.Status.UP_TO_DATE) {
            updateRef(repo, trackingRef, commit);
            return report(target, PublishStatus.COMMITTED, commit, built, "", "pushed", attempt);
        }
        if (!retryable(status, remoteMessage)) {
            throw new PublishException("push to " + target.displayUrl() + " rejected: " + status
                    + (remoteMessage == null ? "" : " (" + remoteMessage + ")"));
        }
        String lockReason = status == RemoteRefUpdate.Status.REJECTED_OTHER_REASON
                ? lockReason(remoteMessage, result.getMessages()) : null;
        if (lockReason == null) {
            if (attempt >= options.maxAttempts()) {
                throw new PublishException("push to " + target.displayUrl() + " rejected " + attempt
                        + " times because the branch " + target.branch() + " kept moving (last: " + status
                        + "); nothing was pushed, run again");
            }
            return null;
        }
        // The remote's ref is locked: another push is updating it (for milliseconds), or one was interrupted
        // between creating the lock and renaming it over the ref, and the lock stays until someone deletes it.
        Path refsRoot = transports.localRefsRoot();
        if (refsRoot == null) {
            // a server: its lock is not Orca's to touch, and it cannot be seen from here
            if (attempt >= options.maxAttempts()) {
                throw new PublishException("push to " + target.displayUrl() + " rejected " + attempt
                        + " times because the branch " + target.branch() + " is locked on the server (" + lockReason
                        + "); another push may be running there, or an interrupted one left a stale lock that the"
                        + " server's administrator must remove; nothing was pushed");
            }
            return null;
        }
        Path lock = refsRoot.resolve(Constants.R_HEADS + target.branch() + ".lock");
        Duration age = lockAge(lock);
        if (age != null && age.compareTo(staleRefLockAge) >= 0 && progress.removedLock == null) {
            // Far older than any live ref update holds it: left by an interrupted push (for a local remote, the
            // receive-pack ran in the publishing process itself, e.g. a killed `orca publish`). Delete, retry.
            Files.deleteIfExists(lock);
            progress.removedLock = "removed the stale lock " + lock + " (" + age.toSeconds()
                    + "s old, left by an interrupted push)";
            return null;
        }
        if (attempt >= options.maxAttempts()) {
            throw new PublishException("push to " + target.displayUrl() + " rejected " + attempt
                    + " times because the branch " + target.branch() + " is locked by " + lock
                    + (age == null ? " (released since: the other push has finished)" : " (" + age.toSeconds() + "s old)")
                    + ": another push may be running, or an interrupted one left it (orca deletes it once it is "
                    + staleRefLockAge.toSeconds() + "s old); nothing was pushed, run again");
        }
        return null;
    }

    /** How old the lock file is, or null when there is none (any more). */
    private static Duration lockAge(Path lock) throws IOException {
        try {
            Duration age = Duration.between(Files.getLastModifiedTime(lock).toInstant(), Instant.now());
            return age.isNegative() ? Duration.ZERO : age;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * The remote's reason when a rejected push failed on a ref lock, else null. JGit's receive-pack says
     * "failed to lock"; git's says "failed to update ref" and explains on its side band
     * ("error: cannot lock ref 'refs/heads/main': Unable to create '…/main.lock': File exists.").
     */
    static String lockReason(String statusMessage, String sideBand) {
        for (String text : new String[]{statusMessage, sideBand}) {
            if (text == null) continue;
            for (String line : text.split("\\R")) {
                String l = line.strip();
                if (l.toLowerCase(java.util.Locale.ROOT).contains("lock")) {
                    l = l.replaceFirst("^(?i)(remote:\\s*)?(error:\\s*)?", "");
                    return l.length() > 300 ? l.substring(0, 300) + "…" : l;
                }
            }
        }
        return null;
    }

    /** Writes new objects as one pack instead of a loose file each (a first publish writes ~1,000 blobs). */
    private static ObjectInserter bulkInserter(Repository repo) {
        if (repo.getObjectDatabase() instanceof org.eclipse.jgit.internal.storage.file.ObjectDirectory od) {
            org.eclipse.jgit.internal.storage.file.PackInserter pi = od.newPackInserter();
            pi.checkExisting(true);
            return pi;
        }
        return repo.newObjectInserter();
    }

    private static boolean retryable(RemoteRefUpdate.Status status, String message) {
        if (status == RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD || status == RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED)
            return true;
        if (status == RemoteRefUpdate.Status.REJECTED_OTHER_REASON && message != null) {
            String m = message.toLowerCase(java.util.Locale.ROOT);
            return m.contains("lock") || m.contains("failed to update") || m.contains("stale") || m.contains("fetch first");
        }
        return false;
    }

    Repository openCache(Path dir, boolean mayReset) throws IOException, CorruptCacheException {
        boolean exists = Files.isDirectory(dir.resolve("objects"));
        try {
            Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(exists).setBare().build();
            if (!exists) {
                repo.create(true);
                var cfg = repo.getConfig();
                cfg.setInt("gc", null, "auto", 0);
                cfg.save();
            } else {
                removeStaleLocks(dir);
            }
            return repo;
        } catch (RepositoryNotFoundException | IllegalStateException e) {
            if (mayReset) throw new CorruptCacheException(e);
            throw e;
        }
    }

    /** Ref lock files left by a killed run. Safe: we hold this cache's exclusive lock. */
    private static void removeStaleLocks(Path dir) throws IOException {
        for (String top : List.of("refs", "logs")) {
            Path p = dir.resolve(top);
            if (!Files.isDirectory(p)) continue;
            try (Stream<Path> s = Files.walk(p)) {
                for (Path f : s.filter(f -> f.getFileName().toString().endsWith(".lock")).toList()) Files.deleteIfExists(f);
            }
        }
        for (String f : List.of("packed-refs.lock", "config.lock", "HEAD.lock", "shallow.lock")) Files.deleteIfExists(dir.resolve(f));
    }

    /** Fetches the branch into {@code trackingRef}; returns its head, or null when the remote has no such branch. */
    static ObjectId fetch(Repository repo, Transport t, String branchRef, String trackingRef,
                                  GitTransports transports) throws PublishException, IOException {
        Ref advertised;
        try (FetchConnection c = t.openFetch(List.of(new RefSpec(branchRef)))) {
            advertised = c.getRef(branchRef);
        } catch (Exception e) {
            throw new PublishException(transports.describe("fetch from", e), e);
        }
        if (advertised == null || advertised.getObjectId() == null) {
            if (repo.exactRef(trackingRef) != null) {
                RefUpdate u = repo.updateRef(trackingRef);
                u.setForceUpdate(true);
                u.delete();
            }
            return null;
        }
        ObjectId head = advertised.getObjectId();
        if (!repo.getObjectDatabase().has(head)) {
            try {
                FetchResult r = t.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec("+" + branchRef + ":" + trackingRef)));
                Ref now = r.getAdvertisedRef(branchRef);
                if (now != null) head = now.getObjectId();
            } catch (Exception e) {
                throw new PublishException(transports.describe("fetch from", e), e);
            }
        } else {
            updateRef(repo, trackingRef, head);
        }
        return head;
    }

    static void updateRef(Repository repo, String ref, ObjectId id) throws IOException {
        RefUpdate u = repo.updateRef(ref);
        u.setNewObjectId(id);
        u.setForceUpdate(true);
        RefUpdate.Result r = u.update();
        if (r == RefUpdate.Result.LOCK_FAILURE || r == RefUpdate.Result.IO_FAILURE || r == RefUpdate.Result.REJECTED)
            throw new IOException("cannot update " + ref + " in the cache: " + r);
    }

    // ---- the desired tree: see DesiredTree ----

    record FileChange(String path, ObjectId oldId, ObjectId newId) {
    }

    record Changes(List<String> added, List<String> changed, List<String> removed,
                   List<HelmReleaseRef> addedReleases, List<HelmReleaseRef> changedReleases,
                   List<HelmReleaseRef> removedReleases) {
    }

    record Built(ObjectId baseTree, ObjectId tree, List<FileChange> files, Changes changes) {
        boolean unchanged() {
            return files.isEmpty();
        }
    }

    static String unifiedDiff(Repository repo, Built built) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter df = new DiffFormatter(out)) {
            df.setRepository(repo);
            df.setDetectRenames(false);
            df.format(built.baseTree() == null ? new EmptyTreeIterator() : DesiredTree.parser(repo, built.baseTree()),
                    DesiredTree.parser(repo, built.tree()));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static RepositoryReport report(GitTarget target, PublishStatus status, ObjectId commit, Built built,
                                           String diff, String message, int attempts) {
        Changes c = built.changes();
        return new RepositoryReport(target.displayUrl(), target.branch(), status, commit == null ? null : commit.name(),
                c.added(), c.changed(), c.removed(), c.addedReleases(), c.changedReleases(), c.removedReleases(),
                diff, message, attempts);
    }
}
