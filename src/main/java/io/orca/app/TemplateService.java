package io.orca.app;

import com.marcnuri.helm.Helm;
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
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The template use case: renders each planned release's chart with its values through helm-java (Helm's own
 * engine), in parallel on all cores. The output path is {@code <organization>/<release>.yaml}.
 */
public final class TemplateService {
    private TemplateService() {
    }

    public record Result(SortedMap<String, String> manifests, SortedMap<String, String> failures) {
    }

    public static Result render(DeploymentPlan plan) throws IOException, InterruptedException {
        Path charts = ChartLocator.charts();
        Path valuesDir = Files.createTempDirectory("orca-values");
        record Job(String path, String release, Future<String> result) {
        }
        int threads = threads();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Job> jobs = new ArrayList<>();
        try {
            for (OrganizationPlan op : plan.organizations()) {
                for (ReleasePlan r : op.releases()) {
                    Path values = valuesDir.resolve(r.name() + ".yaml");
                    Files.writeString(values, Manifests.yaml(r.values()), StandardCharsets.UTF_8);
                    Path chart = charts.resolve(r.chart());
                    jobs.add(new Job(op.organization().name() + "/" + r.name() + ".yaml", r.name(), pool.submit(() ->
                            new Helm(chart).template().withName(r.name()).withNamespace(op.namespace())
                                    .withValuesFile(values).call())));
                }
            }
            SortedMap<String, String> out = new TreeMap<>();
            SortedMap<String, String> failures = new TreeMap<>();
            for (Job j : jobs) {
                try {
                    out.put(j.path(), j.result().get());
                } catch (java.util.concurrent.ExecutionException e) {
                    String m = e.getCause() == null ? e.toString() : String.valueOf(e.getCause().getMessage());
                    failures.put(j.release(), m.lines().findFirst().orElse(m));
                }
            }
            return new Result(Collections.unmodifiableSortedMap(out), Collections.unmodifiableSortedMap(failures));
        } finally {
            pool.shutdownNow();
            try (Stream<Path> s = Files.walk(valuesDir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
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
        for (Map.Entry<String, String> e : result.manifests().entrySet()) {
            Path p = out.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** Finds Orca's charts: the project's charts/ folder when run from a checkout, else those bundled in the jar. */
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
    }
}
