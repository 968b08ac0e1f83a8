package io.orca.publish.bench;

import io.orca.model.Secret;
import io.orca.publish.Author;
import io.orca.publish.CommitContext;
import io.orca.publish.GitCredentials;
import io.orca.publish.GitTarget;
import io.orca.publish.OwnedDirectory;
import io.orca.publish.PublishOptions;
import io.orca.publish.PublishReport;
import io.orca.publish.PublishStatus;
import io.orca.publish.Publisher;
import io.orca.publish.RepositoryChange;
import io.orca.testing.GitCli;
import io.orca.testing.GitHttpBackendServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Publish benchmark (bench/publish.sh): a 200-organization network (5 HelmReleases each: 1,000 YAML files in
 * 200 release_dirs) published to one repository on a loopback smart-HTTP remote (git http-backend, Basic
 * auth), next to the same commit and push made with the git CLI. Skipped unless {@code -Dorca.bench=true}.
 * Writes {@code target/bench/publish.md}.
 */
class PublishBenchmark {
    static final int ORGS = Integer.getInteger("orca.bench.orgs", 200);
    static final int RELEASES = Integer.getInteger("orca.bench.releases", 5);
    static final int ROUNDS = Integer.getInteger("orca.bench.rounds", 5);
    static final String USER = "bench";
    static final String PASSWORD = "bench-Pa55";

    @Test
    @Tag("bench") // run by bench/publish.sh, excluded from the test suite (a benchmark, not a test)
    void benchmark() throws Exception {
        Path tmp = Files.createTempDirectory("orca-publish-bench");
        try (GitHttpBackendServer server = GitHttpBackendServer.startWithBasicAuth(tmp.resolve("srv"), USER, PASSWORD)) {
            List<Double> jFirst = new ArrayList<>(), jNoop = new ArrayList<>(), jOne = new ArrayList<>();
            List<Double> cFirst = new ArrayList<>(), cNoop = new ArrayList<>(), cOne = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                // --- Orca (JGit) ---
                server.createBareRepository("j" + round + ".git", "main");
                GitTarget target = new GitTarget(server.url("j" + round + ".git"), "main",
                        GitCredentials.userPassword(USER, Secret.of(PASSWORD)));
                Publisher publisher = new Publisher(PublishOptions.defaults(tmp.resolve("cache" + round)));
                jFirst.add(time(() -> publish(publisher, target, "1.0.0", null), PublishStatus.COMMITTED));
                jNoop.add(time(() -> publish(publisher, target, "1.0.0", null), PublishStatus.UNCHANGED));
                jOne.add(time(() -> publish(publisher, target, "1.0.0", "org0007"), PublishStatus.COMMITTED));

                // --- git CLI: the same commits and pushes ---
                server.createBareRepository("c" + round + ".git", "main");
                String url = server.url("c" + round + ".git").replace("http://", "http://" + USER + ":" + PASSWORD + "@");
                Path work = tmp.resolve("cli" + round);
                cFirst.add(timeCli(() -> cliPublish(url, work, "1.0.0", null, true)));
                cNoop.add(timeCli(() -> cliPublish(url, work, "1.0.0", null, false)));
                cOne.add(timeCli(() -> cliPublish(url, work, "1.0.0", "org0007", false)));
                // same content: the clusters/ trees are identical (Orca adds only its .orca/owned/<release_dir>.owned manifests)
                String jTree = GitCli.git(tmp.resolve("srv").resolve("j" + round + ".git"), "rev-parse", "main:clusters");
                String cTree = GitCli.git(tmp.resolve("srv").resolve("c" + round + ".git"), "rev-parse", "main:clusters");
                if (!jTree.equals(cTree)) throw new AssertionError("Orca and the git CLI pushed different trees: " + jTree + " " + cTree);
            }
            // --- Orca as the CLI runs it: a fresh JVM per publish (JVM start-up included) ---
            List<Double> pFirst = new ArrayList<>(), pNoop = new ArrayList<>(), pOne = new ArrayList<>();
            for (int round = 0; round < Math.max(1, Math.min(3, ROUNDS)); round++) {
                server.createBareRepository("p" + round + ".git", "main");
                String url = server.url("p" + round + ".git");
                Path cache = tmp.resolve("pcache" + round);
                pFirst.add(freshJvm(url, cache, "-", "COMMITTED"));
                pNoop.add(freshJvm(url, cache, "-", "UNCHANGED"));
                pOne.add(freshJvm(url, cache, "org0007", "COMMITTED"));
            }
            String table = table(jFirst, jNoop, jOne, cFirst, cNoop, cOne, pFirst, pNoop, pOne);
            Path out = Path.of(System.getProperty("orca.projectDir", ".")).resolve("target/bench/publish.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, table);
            System.out.println(table);
        }
    }

    private static String table(List<Double> jFirst, List<Double> jNoop, List<Double> jOne,
                                List<Double> cFirst, List<Double> cNoop, List<Double> cOne,
                                List<Double> pFirst, List<Double> pNoop, List<Double> pOne) {
        StringBuilder sb = new StringBuilder();
        sb.append("Network: ").append(ORGS).append(" organizations × ").append(RELEASES).append(" HelmReleases = ")
                .append(ORGS * RELEASES).append(" files in ").append(ORGS).append(" release_dirs, one repository on a loopback ")
                .append("smart-HTTP remote (git http-backend, Basic auth). Medians in ms; fresh JVM: ").append(pFirst.size())
                .append(" rounds, one `java` process per publish as `orca publish` runs (start-up included); warm JVM: rounds 2..")
                .append(ROUNDS).append(" in one JVM; git CLI: ").append(ROUNDS).append(" rounds.\n\n");
        sb.append("| operation | Orca, fresh JVM | Orca, warm JVM | git CLI | fresh JVM / CLI | warm JVM / CLI |\n");
        sb.append("|---|---:|---:|---:|---:|---:|\n");
        row(sb, "first publish (empty remote; clone, " + ORGS * RELEASES + " files, commit, push)", pFirst, jFirst, cFirst);
        row(sb, "no-op re-publish (fetch, compare, nothing to commit)", pNoop, jNoop, cNoop);
        row(sb, "one organization changed (" + RELEASES + " files; fetch, commit, push)", pOne, jOne, cOne);
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, List<Double> p, List<Double> j, List<Double> c) {
        double pm = median(p);
        double jw = median(j.subList(Math.min(1, j.size() - 1), j.size()));
        double cm = median(c);
        sb.append(String.format("| %s | %.0f | %.0f | %.0f | %.2f | %.2f |%n", name, pm, jw, cm, pm / cm, jw / cm));
    }

    /** Wall time of a separate JVM doing one publish (launcher flags of ./orca, without its CDS archive). */
    private static double freshJvm(String url, Path cache, String changedOrg, String expected) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), PublishBenchmark.class.getName(),
                "once", url, cache.toString(), changedOrg).redirectErrorStream(true);
        pb.environment().put("ORCA_BENCH_PASSWORD", PASSWORD);
        long t0 = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        double ms = (System.nanoTime() - t0) / 1e6;
        if (!out.contains(expected)) throw new AssertionError("expected " + expected + ": " + out);
        return ms;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    interface Step {
        Object run() throws Exception;
    }

    private static double time(Step step, PublishStatus expected) throws Exception {
        long t0 = System.nanoTime();
        PublishReport r = (PublishReport) step.run();
        double ms = (System.nanoTime() - t0) / 1e6;
        PublishStatus got = r.repositories().get(0).status();
        if (got != expected) throw new AssertionError("expected " + expected + " got " + got + ": " + r.repositories().get(0).message());
        return ms;
    }

    private static double timeCli(Step step) throws Exception {
        long t0 = System.nanoTime();
        step.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    /** The network; {@code changedOrg} gets a new chart version. */
    static List<OwnedDirectory> network(String version, String changedOrg) {
        List<OwnedDirectory> dirs = new ArrayList<>();
        for (int o = 0; o < ORGS; o++) {
            String org = String.format("org%04d", o);
            String v = org.equals(changedOrg) ? version + "-next" : version;
            SortedMap<String, byte[]> files = new TreeMap<>();
            for (int r = 0; r < RELEASES; r++) files.put(org + "-node-" + r + ".yaml", helmRelease(org, org + "-node-" + r, v));
            dirs.add(new OwnedDirectory(org, "clusters/" + org + "/releases", files));
        }
        return dirs;
    }

    static byte[] helmRelease(String org, String name, String version) {
        return ("apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: " + name
                + "\n  namespace: " + org + "-net\nspec:\n  interval: 5m\n  releaseName: " + name
                + "\n  chart:\n    spec:\n      chart: ./charts/besu-node\n      version: \"" + version + "\"\n"
                + "      sourceRef:\n        kind: GitRepository\n        name: flux-" + org + "\n        namespace: flux-system\n"
                + "  values:\n    metadata:\n      namespace: " + org + "-net\n      name: " + name + "\n"
                + "    node:\n      besu:\n        identity: " + name + "\n        p2p: {port: 30303}\n        rpc: {port: 8545}\n"
                + "      tessera: {enabled: true}\n    storage: {size: 20Gi}\n    vault:\n      address: https://vault." + org
                + ".example.org:8200\n      secretPrefix: data/" + org + "/" + name + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static PublishReport publish(Publisher p, GitTarget target, String version, String changedOrg) {
        return p.publish(List.of(new RepositoryChange(target, new Author("bench", "bench@example.org"),
                network(version, changedOrg), new CommitContext("bench-network", "0".repeat(64)))));
    }

    /** The git CLI doing what Orca does: clone/fetch, replace the owned dirs, commit if anything changed, push. */
    private static Object cliPublish(String url, Path work, String version, String changedOrg, boolean clone)
            throws IOException, InterruptedException {
        if (clone) {
            GitCli.git(work.getParent(), "clone", "-q", url, work.toString());
        } else {
            GitCli.git(work, "fetch", "-q", "origin");
            GitCli.git(work, "reset", "-q", "--hard", "origin/main");
        }
        for (OwnedDirectory d : network(version, changedOrg)) {
            Path dir = work.resolve(d.path());
            if (Files.exists(dir)) org.eclipse.jgit.util.FileUtils.delete(dir.toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> f : d.files().entrySet()) Files.write(dir.resolve(f.getKey()), f.getValue());
        }
        GitCli.git(work, "add", "-A", "clusters");
        if (GitCli.run(work, "diff", "--cached", "--quiet").exitCode() == 0) return null;
        GitCli.git(work, "commit", "-q", "-m", "publish");
        GitCli.git(work, "push", "-q", "origin", "HEAD:refs/heads/main");
        return null;
    }

    /** For running outside Maven: {@code java -cp ... io.orca.publish.bench.PublishBenchmark}. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("once")) { // one publish, for the fresh-JVM figures
            GitTarget target = new GitTarget(args[1], "main",
                    GitCredentials.userPassword(USER, Secret.of(System.getenv("ORCA_BENCH_PASSWORD"))));
            PublishReport r = publish(new Publisher(PublishOptions.defaults(Path.of(args[2]))), target, "1.0.0",
                    args[3].equals("-") ? null : args[3]);
            System.out.println(r.repositories().get(0).status() + " " + r.repositories().get(0).message());
            System.exit(r.exitCode());
        }
        System.setProperty("orca.bench", "true");
        new PublishBenchmark().benchmark();
    }
}
