package io.orca.app;

import io.orca.helm.HelmEngine;
import io.orca.helm.HelmJavaEngine;
import io.orca.helm.ReleaseRef;
import io.orca.helm.TemplateRequest;
import io.orca.helm.Values;
import io.orca.plan.DeploymentPlan;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.ReleasePlan;
import io.orca.render.Manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The template use case: renders each planned release's chart with its values through the Helm seam (by default
 * {@link HelmJavaEngine}, Helm's own engine), in parallel on all cores. The output path is
 * {@code <organization>/<release>.yaml}.
 */
public final class TemplateService {
    private TemplateService() {
    }

    public record Result(SortedMap<String, String> manifests, SortedMap<String, String> failures) {
    }

    public static Result render(DeploymentPlan plan) throws IOException, InterruptedException {
        return render(plan, new HelmJavaEngine());
    }

    /** Renders through Helm's engine, telling {@code progress} of each release rendered. */
    public static Result render(DeploymentPlan plan, Progress progress) throws IOException, InterruptedException {
        return render(plan, new HelmJavaEngine(), progress);
    }

    /** Renders through the given engine (tests pass a fake; a failing release is reported, the others still render). */
    public static Result render(DeploymentPlan plan, HelmEngine helm) throws IOException, InterruptedException {
        return render(plan, helm, Progress.NONE);
    }

    /** As {@link #render(DeploymentPlan, HelmEngine)}, telling {@code progress} of each release rendered. */
    public static Result render(DeploymentPlan plan, HelmEngine helm, Progress progress) throws IOException, InterruptedException {
        Path charts = ChartLocator.charts();
        record Job(String path, String release, Future<String> result) {
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads());
        List<Job> jobs = new ArrayList<>();
        int total = plan.organizations().stream().mapToInt(op -> op.releases().size()).sum();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        try {
            for (OrganizationPlan op : plan.organizations()) {
                for (ReleasePlan r : op.releases()) {
                    TemplateRequest request = new TemplateRequest(new ReleaseRef(r.name(), op.namespace()),
                            charts.resolve(r.chart()), Values.yaml(Manifests.yaml(r.values())));
                    String org = op.organization().name();
                    jobs.add(new Job(org + "/" + r.name() + ".yaml", r.name(), pool.submit(() -> {
                        try {
                            return helm.template(request);
                        } finally {
                            progress.step("releases rendered", done.incrementAndGet(), total, org);
                        }
                    })));
                }
            }
            SortedMap<String, String> out = new TreeMap<>();
            SortedMap<String, String> failures = new TreeMap<>();
            for (Job j : jobs) {
                try {
                    out.put(j.path(), j.result().get());
                } catch (java.util.concurrent.ExecutionException e) {
                    String m = e.getCause() == null ? e.toString() : String.valueOf(e.getCause().getMessage());
                    failures.put(j.release(), fullMessage(m));
                }
            }
            return new Result(Collections.unmodifiableSortedMap(out), Collections.unmodifiableSortedMap(failures));
        } finally {
            pool.shutdownNow();
        }
    }

    private static final int MAX_MESSAGE_LINES = 60;

    /**
     * Helm's message whole (issue 10, item 8: its schema errors list one violation per line, and the first line alone
     * said only "values don't meet the specifications"), continuation lines indented, bounded, URL credentials masked.
     */
    static String fullMessage(String m) {
        List<String> lines = m.strip().lines().map(String::stripTrailing).filter(l -> !l.isBlank()).toList();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size() && i < MAX_MESSAGE_LINES; i++) {
            if (i > 0) b.append("\n    ");
            String l = lines.get(i);
            b.append(l.length() > 1000 ? l.substring(0, 1000) + "…" : l);
        }
        if (lines.size() > MAX_MESSAGE_LINES) b.append("\n    … and ").append(lines.size() - MAX_MESSAGE_LINES).append(" more lines");
        return io.orca.model.Redaction.text(b.toString());
    }

    /** Render threads: all cores, or the system property {@code orca.template.threads} (benchmarks: 1 vs 2 threads). */
    static int threads() {
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        try {
            return Math.max(1, Integer.parseInt(System.getProperty("orca.template.threads", String.valueOf(cores))));
        } catch (NumberFormatException e) {
            return cores;
        }
    }

    public static void write(Result result, Path out) throws IOException {
        // Every path is checked before anything is written: nothing half-written, nothing through a link (issue 10).
        java.util.Set<Path> checked = new java.util.HashSet<>();
        for (String file : result.manifests().keySet()) {
            OutputFolder.requireInside("orca template", out, out.resolve(file), false, checked);
        }
        for (Map.Entry<String, String> e : result.manifests().entrySet()) {
            Path p = out.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Finds Orca's charts: the project's charts/ folder when run from a checkout, else those bundled in the jar,
     * extracted once per JVM into a private temporary folder that a shutdown hook deletes (an {@code orca template} run
     * used to leave one {@code orca-charts<random>} folder behind every time). Extraction, not a cache reused across
     * runs: a command that renders leaves nothing behind, and extracting the three charts costs milliseconds.
     */
    static final class ChartLocator {
        private static Path cached;

        static synchronized Path charts() throws IOException {
            if (cached != null) return cached;
            String env = System.getenv("ORCA_CHARTS");
            if (env != null && Files.isDirectory(Path.of(env))) return cached = Path.of(env);
            try {
                URI location = TemplateService.class.getProtectionDomain().getCodeSource().getLocation().toURI();
                Path code = Path.of(location);
                if (Files.isDirectory(code)) { // classes folder (tests): target/classes/charts
                    Path c = code.resolve("charts");
                    if (Files.isDirectory(c)) return cached = c;
                }
                Path extracted = Files.createTempDirectory("orca-charts");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(extracted), "orca-charts-cleanup"));
                try (FileSystem jar = FileSystems.newFileSystem(code)) {
                    Path root = jar.getPath("/charts");
                    try (Stream<Path> s = Files.walk(root)) {
                        for (Path p : s.toList()) {
                            Path target = extracted.resolve(root.relativize(p).toString());
                            if (Files.isDirectory(p)) Files.createDirectories(target);
                            else Files.copy(p, target);
                        }
                    }
                }
                return cached = extracted;
            } catch (URISyntaxException e) {
                throw new IOException("cannot locate Orca's charts", e);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }

        static void deleteTree(Path dir) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // at exit, best effort
            }
        }
    }
}
