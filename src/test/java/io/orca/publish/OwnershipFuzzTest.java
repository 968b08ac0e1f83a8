package io.orca.publish;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The class of issue 10, item 2, as a property: over seeded random repositories — foreign files in and around the
 * release_dirs, ownership manifests of this and of other networks, mutated and hostile manifests ({@code ..}, absolute
 * paths, garbage bytes, wrong organizations), files where folders must go — a publish either refuses, or leaves every
 * file that no manifest of this network lists exactly as it was. {@code -Dorca.fuzz.ownership.count=N} (default
 * 1,000), {@code -Dorca.fuzz.seed=S}.
 */
class OwnershipFuzzTest {
    private static final List<String> DIRS = List.of("releases", "releases/a", "releases/b", "releases/a/x", "other",
            ".orca", ".orca/owned", ".orca/owned/releases");
    private static final List<String> NAMES = List.of("a.yaml", "b.yaml", "k.yaml", "x", "a", "b", "s.sops.yaml");
    private static final List<String> ORGS = List.of("o1", "o2", "o3");
    private static final String NETWORK = "besu-dev";

    @Test
    void aPublishNeverChangesAFileThisNetworkDidNotWrite() throws Exception {
        int count = Integer.getInteger("orca.fuzz.ownership.count", 1000);
        long seed = Long.getLong("orca.fuzz.seed", 20261203L);
        int refused = 0;
        int published = 0;
        for (int i = 0; i < count; i++) {
            Random rnd = new Random(seed * 31 + i);
            try (InMemoryRepository repo = new InMemoryRepository(new DfsRepositoryDescription("fuzz"))) {
                Map<String, byte[]> base = randomRepository(rnd);
                RevCommit head = commit(repo, base);
                RepositoryChange change = randomChange(rnd);
                // what this network may change: files listed in its manifests, and the manifests
                Set<String> ours = new HashSet<>();
                SortedSet<String> orgs = new TreeSet<>(change.context().organizations());
                for (Map.Entry<String, byte[]> e : base.entrySet()) {
                    Ownership.dirOf(e.getKey()).flatMap(d -> Ownership.parse(d, e.getValue()))
                            .filter(m -> Ownership.isOurs(m, NETWORK, orgs)).ifPresent(m -> {
                                ours.add(e.getKey());
                                ours.addAll(m.paths());
                            });
                }
                Publisher.Built built;
                try (ObjectInserter ins = repo.newObjectInserter()) {
                    built = DesiredTree.build(repo, ins, head, change, rnd.nextBoolean());
                } catch (PublishException e) {
                    assertTrue(e.getMessage().startsWith("refusing to publish"), "input " + i + ": " + e.getMessage());
                    refused++;
                    continue;
                }
                published++;
                Map<String, ObjectId> after = files(repo, built.tree());
                try (ObjectInserter ins = repo.newObjectInserter()) {
                    for (Map.Entry<String, byte[]> e : base.entrySet()) {
                        if (ours.contains(e.getKey())) continue;
                        assertEquals(ins.idFor(Constants.OBJ_BLOB, e.getValue()), after.get(e.getKey()),
                                "input " + i + " (seed " + seed + "): " + e.getKey() + " was not this network's");
                    }
                }
                for (OwnedDirectory d : change.directories()) {
                    for (String f : d.files().keySet()) assertTrue(after.containsKey(d.path() + "/" + f), "input " + i);
                }
            }
        }
        System.out.printf("ownership fuzz: count=%d seed=%d published=%d refused=%d%n", count, seed, published, refused);
        assertTrue(published > count / 10 && refused > count / 10, "both outcomes exercised: " + published + "/" + refused);
    }

    private static Map<String, byte[]> randomRepository(Random rnd) {
        TreeMap<String, byte[]> files = new TreeMap<>();
        int n = rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            String p = pick(rnd, DIRS) + "/" + pick(rnd, NAMES);
            files.put(p, ("foreign " + rnd.nextInt(3) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        int manifests = rnd.nextInt(4);
        for (int i = 0; i < manifests; i++) {
            String dir = pick(rnd, List.of("releases/a", "releases/b", "releases", "other", "releases/a/x"));
            List<String> listed = new ArrayList<>();
            for (int j = rnd.nextInt(4); j > 0; j--) {
                listed.add(pick(rnd, List.of("a.yaml", "b.yaml", "x/a.yaml", "../escape.yaml", "/abs.yaml", "k.yaml", "a")));
            }
            String network = rnd.nextInt(4) == 0 ? "other-net" : NETWORK;
            List<String> orgs = new ArrayList<>();
            for (String o : ORGS) if (rnd.nextInt(3) == 0) orgs.add(o);
            StringBuilder text = new StringBuilder("network: " + network + "\norganizations: " + String.join(" ", orgs) + "\nfiles:\n");
            for (String f : listed) text.append("  ").append(f).append('\n');
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            if (rnd.nextInt(5) == 0) bytes[rnd.nextInt(bytes.length)] = (byte) rnd.nextInt(256);   // mutated
            files.put(Ownership.manifestPath(dir), bytes);
            for (String f : listed) {
                if (rnd.nextBoolean() && !f.startsWith("/") && !f.startsWith("..")) {
                    files.put(dir + "/" + f, ("written " + rnd.nextInt(3) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        // git cannot hold a file and a folder at one path: drop files that are parents of others
        files.keySet().removeIf(p -> files.keySet().stream().anyMatch(q -> q.startsWith(p + "/")));
        return files;
    }

    private static RepositoryChange randomChange(Random rnd) {
        List<OwnedDirectory> dirs = new ArrayList<>();
        for (String d : List.of("releases/a", "releases/b")) {
            if (rnd.nextInt(3) == 0) continue;
            TreeMap<String, byte[]> files = new TreeMap<>();
            for (int j = rnd.nextInt(3); j >= 0; j--) {
                files.put(pick(rnd, List.of("a.yaml", "b.yaml", "x/a.yaml")), ("written " + rnd.nextInt(3) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            dirs.add(new OwnedDirectory("o1", d, rnd.nextInt(6) == 0 ? new TreeMap<>() : files));
        }
        TreeSet<String> orgs = new TreeSet<>(List.of("o1"));
        if (rnd.nextBoolean()) orgs.add("o2");
        return new RepositoryChange(GitTarget.of("/nowhere.git", "main"), Fixtures.AUTHOR, dirs,
                new CommitContext(NETWORK, "n.yaml", "0".repeat(64), orgs));
    }

    private static String pick(Random rnd, List<String> from) {
        return from.get(rnd.nextInt(from.size()));
    }

    private static RevCommit commit(InMemoryRepository repo, Map<String, byte[]> files) throws Exception {
        if (files.isEmpty()) return null;
        try (ObjectInserter ins = repo.newObjectInserter(); RevWalk rw = new RevWalk(repo)) {
            DirCache dc = DirCache.newInCore();
            DirCacheBuilder b = dc.builder();
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                DirCacheEntry entry = new DirCacheEntry(e.getKey());
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(ins.insert(Constants.OBJ_BLOB, e.getValue()));
                b.add(entry);
            }
            b.finish();
            CommitBuilder cb = new CommitBuilder();
            PersonIdent who = new PersonIdent("t", "t@example.test");
            cb.setAuthor(who);
            cb.setCommitter(who);
            cb.setTreeId(dc.writeTree(ins));
            ObjectId id = ins.insert(cb);
            ins.flush();
            return rw.parseCommit(id);
        }
    }

    private static Map<String, ObjectId> files(InMemoryRepository repo, ObjectId tree) throws Exception {
        Map<String, ObjectId> out = new TreeMap<>();
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(tree);
            tw.setRecursive(true);
            while (tw.next()) out.put(tw.getPathString(), tw.getObjectId(0));
        }
        return out;
    }
}
