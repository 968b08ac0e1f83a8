package io.orca.bench;

import io.orca.app.TemplateService;
import io.orca.plan.MaterialSource;
import io.orca.plan.OrganizationPlan;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Locale;

/**
 * Time of {@link TemplateService#render} (every release's chart through helm-java) for one planned network, with
 * 1, 2, ... render threads (the system property orca.template.threads). Not a test; bench/template-bench.sh runs it:
 *
 * <pre>java -cp target/test-classes:target/orca.jar io.orca.bench.TemplateBench FILE [THREADS,...] [RUNS]</pre>
 *
 * The plan is made once (seeded keys, no sealing); a first render on all cores warms the JVM and helm-java (its
 * time is printed as the cold figure); then RUNS renders per thread count, median, min and max.
 */
public final class TemplateBench {
    private static volatile Object sink;

    private TemplateBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String[] threadCounts = (args.length > 1 ? args[1] : "1,2").split(",");
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(42);
        io.orca.app.PlanningService.Planned o = io.orca.app.PlanningService.plan(file.getFileName().toString(),
                Files.readAllBytes(file), io.orca.app.PlanningService.Request.preview(MaterialSource.NONE).withRandom(random));
        if (!o.ok()) throw new IllegalStateException("did not plan: " + o.diagnostics());
        int releases = o.plan().organizations().stream().mapToInt(op -> op.releases().size()).sum();
        System.out.printf(Locale.ROOT, "file=%s organizations=%d releases=%d cores=%d%n", file,
                o.plan().organizations().size(), releases, Runtime.getRuntime().availableProcessors());
        long a = System.nanoTime();
        TemplateService.Result first = TemplateService.render(o.plan());
        long b = System.nanoTime();
        long bytes = first.manifests().values().stream().mapToLong(String::length).sum();
        System.out.printf(Locale.ROOT, "first_render threads=all ms=%.0f releases_per_s=%.1f rendered=%d failures=%d output_chars=%d%n",
                (b - a) / 1e6, releases / ((b - a) / 1e9), first.manifests().size(), first.failures().size(), bytes);
        first.failures().entrySet().stream().limit(3).forEach(e -> System.out.println("  failure " + e.getKey() + ": " + e.getValue()));
        for (String t : threadCounts) {
            System.setProperty("orca.template.threads", t.trim());
            double[] ms = new double[runs];
            double[] cpu = new double[runs];
            for (int i = 0; i < runs; i++) {
                long c0 = cpuNanos();
                long s = System.nanoTime();
                TemplateService.Result r = TemplateService.render(o.plan());
                ms[i] = (System.nanoTime() - s) / 1e6;
                cpu[i] = (cpuNanos() - c0) / 1e6;
                if (!r.failures().isEmpty()) throw new IllegalStateException(r.failures().toString());
                sink = r;
            }
            double med = median(ms);
            System.out.printf(Locale.ROOT, "threads=%s runs=%d total_ms median=%.0f min=%.0f max=%.0f releases_per_s=%.1f process_cpu_ms median=%.0f%n",
                    t.trim(), runs, med, min(ms), max(ms), releases / (med / 1000), median(cpu));
        }
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(0);
    }

    static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(0);
    }
}
