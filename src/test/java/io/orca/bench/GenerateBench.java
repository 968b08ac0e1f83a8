package io.orca.bench;

import io.orca.app.CredentialResolver;
import io.orca.app.GenerateService;
import io.orca.app.GitOpsOutput;
import io.orca.app.PlanningService;
import io.orca.app.SecretSealer;
import io.orca.load.YMap;
import io.orca.model.ModelBinder;
import io.orca.plan.DeploymentPlan;
import io.orca.plan.MaterialSource;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.Planner;
import io.orca.plan.SecretPlan;
import io.orca.render.FluxRenderer;
import io.orca.render.RepositoryTree;
import io.orca.validate.ValidationService;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Warm time of the generate use case on one file, in one JVM (not a test; bench/generate-warm.sh runs it):
 *
 * <pre>java -cp target/test-classes:target/orca.jar io.orca.bench.GenerateBench FILE [key=value...]</pre>
 *
 * keys: {@code warmup=N} calls before measuring (default 10), {@code runs=N} measured calls (default 15),
 * {@code seal=true|false} (Options.seal), {@code local=true|false} (an orca folder in a temp dir: local repositories
 * get a local age key, so their Secrets are SOPS-encrypted, as {@code orca generate} does), {@code store=fresh|rerun}
 * (fresh: an empty in-memory material store, every call generates all keys and encrypts every Secret, as a first
 * run; rerun: the store and the existing files hold the first call's keys and trees, as a re-run),
 * {@code write=true|false} (also {@link GenerateService#write} into a temp dir, the same one every call, as a re-run
 * of {@code orca generate --out} does), {@code stages=true|false} (time validate, bind, plan, render and seal
 * separately as well).
 *
 * The random source is seeded SHA1PRNG (as the tests' Generated.seeded), so every call does the same work.
 * Prints the median, min and max in ms per call.
 */
public final class GenerateBench {
    private static volatile Object sink;

    private GenerateBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Map<String, String> opt = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            opt.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "10"));
        int runs = Integer.parseInt(opt.getOrDefault("runs", "15"));
        boolean seal = Boolean.parseBoolean(opt.getOrDefault("seal", "true"));
        boolean local = Boolean.parseBoolean(opt.getOrDefault("local", "false"));
        boolean rerun = opt.getOrDefault("store", "fresh").equals("rerun");
        boolean write = Boolean.parseBoolean(opt.getOrDefault("write", "false"));
        boolean stages = Boolean.parseBoolean(opt.getOrDefault("stages", "false"));
        byte[] bytes = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        Path orcaDir = local ? Files.createTempDirectory("orca-bench-dir") : null;
        Path out = Files.createTempDirectory("orca-bench-out");

        long t0 = System.nanoTime();
        GenerateService.Outcome first = generate(name, bytes, new Options(MaterialSource.NONE, orcaDir,
                SecretSealer.ExistingFiles.NONE, seal));
        long t1 = System.nanoTime();
        if (!first.ok()) throw new IllegalStateException(name + " did not plan: " + first.diagnostics());
        GenerateService.write(first.trees(), out);
        long t2 = System.nanoTime();

        MaterialSource store = MaterialSource.NONE;
        SecretSealer.ExistingFiles existing = SecretSealer.ExistingFiles.NONE;
        if (rerun) {
            Map<String, Map<String, SecretPlan>> byOrg = new HashMap<>();
            for (OrganizationPlan op : first.plan().organizations()) {
                Map<String, SecretPlan> m = new LinkedHashMap<>();
                for (SecretPlan s : op.secrets()) m.put(s.name(), s);
                byOrg.put(op.organization().name(), m);
            }
            store = MaterialSource.of(byOrg);
            Map<String, Map<String, String>> files = new HashMap<>();
            for (RepositoryTree t : first.trees()) files.put(FluxRenderer.repoKey(t.gitops()), t.files());
            existing = (repository, path) -> Optional.ofNullable(files.getOrDefault(FluxRenderer.repoKey(repository), Map.of()).get(path))
                    .map(s -> s.getBytes(StandardCharsets.UTF_8));
        }
        Options options = new Options(store, orcaDir, existing, seal);

        int releases = 0, secrets = 0, files = 0, sealed = 0;
        for (OrganizationPlan op : first.plan().organizations()) {
            releases += op.releases().size();
            secrets += op.secrets().size();
        }
        for (RepositoryTree t : first.trees()) {
            files += t.files().size();
            sealed += (int) t.files().keySet().stream().filter(p -> p.endsWith(".sops.yaml")).count();
        }
        System.out.printf(Locale.ROOT, "file=%s bytes=%d organizations=%d releases=%d secrets=%d repositories=%d files=%d sops_files=%d%n",
                file, bytes.length, first.plan().organizations().size(), releases, secrets, first.trees().size(), files, sealed);
        System.out.printf(Locale.ROOT, "options: seal=%s local_age_keys=%s store=%s write=%s%n", seal, local, rerun ? "rerun" : "fresh", write);
        System.out.printf(Locale.ROOT, "first_call_ms plan=%.1f write=%.1f (cold JIT, includes class loading)%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);

        for (int i = 0; i < warmup; i++) one(name, bytes, options, write, out, null);
        double[] plan = new double[runs], wr = new double[runs], total = new double[runs], cpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            double[] r = one(name, bytes, options, write, out, null);
            plan[i] = r[0];
            wr[i] = r[1];
            total[i] = r[0] + r[1];
            cpu[i] = r[2];
        }
        System.out.printf(Locale.ROOT, "warmup_calls=%d runs=%d load_average=%s%n", warmup, runs,
                Files.readString(Path.of("/proc/loadavg")).trim());
        report("plan_ms", plan);
        report("plan_process_cpu_ms", cpu);
        if (write) {
            report("write_ms", wr);
            report("plan+write_ms", total);
        }
        if (stages) {
            String[] names = {"validate", "bind", "planner", "flux_render", "seal"};
            double[][] st = new double[names.length][runs];
            for (int i = 0; i < runs; i++) {
                double[] s = stages(name, bytes, first, options);
                for (int k = 0; k < names.length; k++) st[k][i] = s[k];
            }
            for (int k = 0; k < names.length; k++) report("stage_" + names[k] + "_ms", st[k]);
        }
    }

    /** How the generate use case runs in the benchmark: material, local age keys, earlier files, and whether it seals. */
    private record Options(MaterialSource store, Path orcaDir, SecretSealer.ExistingFiles existing, boolean seal) {
    }

    /** Plan, and unless {@code seal} is off the GitOps output (local age keys created as publish does). */
    private static GenerateService.Outcome generate(String name, byte[] bytes, Options o) {
        PlanningService.Planned planned = PlanningService.plan(name, bytes, PlanningService.Request.preview(o.store()).withRandom(seeded()));
        if (!o.seal() || !planned.ok()) {
            return new GenerateService.Outcome(planned.report(), planned.network(), planned.plan(), List.of(), planned.newMaterial());
        }
        return GenerateService.generate(planned, new GitOpsOutput.Options(o.orcaDir(), GitOpsOutput.LocalKeys.CREATE, o.existing(),
                false, CredentialResolver.system()), new ArrayList<>());
    }

    private static double[] one(String name, byte[] bytes, Options o, boolean write, Path out, Object x)
            throws Exception {
        long cpu0 = TemplateBench.cpuNanos();
        long a = System.nanoTime();
        GenerateService.Outcome outcome = generate(name, bytes, o);
        long b = System.nanoTime();
        long cpu1 = TemplateBench.cpuNanos();
        if (write) GenerateService.write(outcome.trees(), out);
        long c = System.nanoTime();
        sink = outcome;
        return new double[]{(b - a) / 1e6, (c - b) / 1e6, (cpu1 - cpu0) / 1e6};
    }

    /** The stages of GenerateService.plan, timed one by one (the network with its local recipients comes from the first call). */
    private static double[] stages(String name, byte[] bytes, GenerateService.Outcome first, Options o) {
        long a = System.nanoTime();
        ValidationService.Report report = ValidationService.validate(name, bytes);
        long b = System.nanoTime();
        sink = ModelBinder.bind((YMap) report.document().get(), report.load().source());
        long c = System.nanoTime();
        DeploymentPlan plan = Planner.plan(first.network(), o.store(), seeded());
        long d = System.nanoTime();
        List<RepositoryTree> rendered = FluxRenderer.render(plan);
        long e = System.nanoTime();
        if (o.seal()) sink = SecretSealer.seal(plan, Map.of(), rendered, o.existing());
        long f = System.nanoTime();
        return new double[]{(b - a) / 1e6, (c - b) / 1e6, (d - c) / 1e6, (e - d) / 1e6, (f - e) / 1e6};
    }

    private static SecureRandom seeded() {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(42);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void report(String label, double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        System.out.printf(Locale.ROOT, "%s median=%.1f min=%.1f max=%.1f%n", label, median, s[0], s[n - 1]);
    }
}
