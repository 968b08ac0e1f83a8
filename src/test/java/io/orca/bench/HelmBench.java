package io.orca.bench;

import com.marcnuri.helm.Helm;
import io.orca.plan.MaterialSource;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.ReleasePlan;
import io.orca.render.Manifests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Locale;

/**
 * One chart rendered by helm-java, for the comparison with the helm CLI (bench/helm-compare.sh). Not a test.
 *
 * <pre>
 * HelmBench prepare FILE RELEASE DIR      plans FILE (seeded keys) and writes DIR/RELEASE.values.yaml (Manifests.yaml of
 *                                         the release's values) and DIR/RELEASE.args (chart folder name and namespace)
 * HelmBench warm CHART NS RELEASE VALUES [WARMUP] [RUNS]   renders in this JVM: WARMUP renders, then RUNS timed ones
 * HelmBench once CHART NS RELEASE VALUES OUT               one render, written to OUT (a JVM per render, for hyperfine)
 * </pre>
 */
public final class HelmBench {
    private static volatile Object sink;

    private HelmBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "prepare" -> prepare(Path.of(args[1]), args[2], Path.of(args[3]));
            case "warm" -> warm(Path.of(args[1]), args[2], args[3], Path.of(args[4]),
                    args.length > 5 ? Integer.parseInt(args[5]) : 20, args.length > 6 ? Integer.parseInt(args[6]) : 30);
            case "once" -> Files.writeString(Path.of(args[5]), render(Path.of(args[1]), args[2], args[3], Path.of(args[4])),
                    StandardCharsets.UTF_8);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static String render(Path chart, String namespace, String release, Path values) {
        return new Helm(chart).template().withName(release).withNamespace(namespace).withValuesFile(values).call();
    }

    private static void prepare(Path file, String release, Path dir) throws Exception {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(42);
        io.orca.app.PlanningService.Planned o = io.orca.app.PlanningService.plan(file.getFileName().toString(),
                Files.readAllBytes(file), io.orca.app.PlanningService.Request.preview(MaterialSource.NONE).withRandom(random));
        if (!o.ok()) throw new IllegalStateException("did not plan: " + o.diagnostics());
        Files.createDirectories(dir);
        for (OrganizationPlan op : o.plan().organizations()) {
            for (ReleasePlan r : op.releases()) {
                if (!r.name().equals(release)) continue;
                Files.writeString(dir.resolve(release + ".values.yaml"), Manifests.yaml(r.values()), StandardCharsets.UTF_8);
                Files.writeString(dir.resolve(release + ".args"), r.chart() + " " + op.namespace() + "\n", StandardCharsets.UTF_8);
                return;
            }
        }
        throw new IllegalArgumentException("no release " + release);
    }

    private static void warm(Path chart, String ns, String release, Path values, int warmup, int runs) {
        long a = System.nanoTime();
        sink = render(chart, ns, release, values);
        long b = System.nanoTime();
        for (int i = 0; i < warmup; i++) sink = render(chart, ns, release, values);
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            sink = render(chart, ns, release, values);
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        System.out.printf(Locale.ROOT, "helm-java in-process release=%s first_ms=%.1f warmup=%d runs=%d median_ms=%.2f min_ms=%.2f max_ms=%.2f%n",
                release, (b - a) / 1e6, warmup, runs, TemplateBench.median(ms), TemplateBench.min(ms), TemplateBench.max(ms));
    }
}
