package io.orca.apply;

import io.orca.helm.HelmEngine;
import io.orca.helm.HelmException;
import io.orca.helm.ReleaseRef;
import io.orca.kube.KubeException;
import io.orca.kube.KubeTarget;
import io.orca.kube.Kubernetes;
import io.orca.kube.ObjectRef;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Dev mode's apply: for each organization on its own cluster, its namespace, inventory and Secrets first, then its
 * releases as a dependency graph — a release starts as soon as the releases it depends on are Ready, up to
 * {@link ApplyOptions#concurrency()} at once across organizations; a failure skips its dependents and lets
 * independent releases finish. Then, per organization whose releases all succeeded, the prune of the releases its
 * inventory lists and the plan no longer has.
 */
public final class ApplyEngine {
    private final HelmEngine helm;
    private final Function<KubeTarget, Kubernetes> clusters;
    private final ApplyOptions options;
    private final Cancellation cancel;
    private final Progress progress;

    public ApplyEngine(HelmEngine helm, Function<KubeTarget, Kubernetes> clusters, ApplyOptions options, Cancellation cancel,
                       Progress progress) {
        this.helm = helm;
        this.clusters = clusters;
        this.options = options;
        this.cancel = cancel;
        this.progress = progress;
    }

    public ApplyReport apply(List<OrganizationUnit> organizations) {
        long start = System.nanoTime();
        Map<KubeTarget, Kubernetes> kubes = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), r -> {
            Thread t = new Thread(r, "orca-apply");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, ApplyReport.OrganizationResult> orgResults = new LinkedHashMap<>();
            Map<String, Optional<Inventory>> inventories = new LinkedHashMap<>();
            for (OrganizationUnit o : organizations) {
                for (ReleaseUnit u : o.releases()) progress.update(ReleaseApplier.pending(u));
            }
            // Namespaces, inventories and Secrets: one organization after another is a few calls each, in parallel.
            Map<String, CompletableFuture<ApplyReport.OrganizationResult>> setups = new LinkedHashMap<>();
            Map<KubeTarget, String> unreachable = new LinkedHashMap<>();
            for (OrganizationUnit o : organizations) {
                if (!kubes.containsKey(o.target()) && !unreachable.containsKey(o.target())) {
                    try {
                        kubes.put(o.target(), clusters.apply(o.target()));
                    } catch (KubeException e) {
                        unreachable.put(o.target(), e.getMessage());
                    }
                }
                Kubernetes kube = kubes.get(o.target());
                String down = unreachable.get(o.target());
                setups.put(o.organization(), down != null
                        ? CompletableFuture.completedFuture(refused(o, o.target().toString(), new ArrayList<>(), down))
                        : CompletableFuture.supplyAsync(() -> setUp(o, kube, inventories), pool));
            }
            setups.forEach((org, f) -> orgResults.put(org, f.join()));

            ReleaseApplier applier = new ReleaseApplier(helm, options, cancel, progress);
            Map<String, CompletableFuture<ReleaseResult>> futures = new LinkedHashMap<>();
            for (OrganizationUnit o : organizations) {
                ApplyReport.OrganizationResult setup = orgResults.get(o.organization());
                for (ReleaseUnit u : ordered(o.releases())) {
                    if (setup.failure() != null) {
                        ReleaseResult f = ReleaseApplier.pending(u).with(Phase.SKIPPED, 0, Duration.ZERO, "organization "
                                + o.organization() + ": " + setup.failure());
                        progress.update(f);
                        futures.put(u.key(), CompletableFuture.completedFuture(f));
                        continue;
                    }
                    Kubernetes kube = kubes.get(o.target());
                    List<CompletableFuture<ReleaseResult>> deps = new ArrayList<>();
                    for (String d : u.dependsOn()) {
                        CompletableFuture<ReleaseResult> f = futures.get(o.organization() + "/" + d);
                        if (f != null) deps.add(f);
                    }
                    futures.put(u.key(), CompletableFuture.allOf(deps.toArray(CompletableFuture[]::new))
                            .thenApplyAsync(v -> start(u, kube, deps, applier), pool));
                }
            }
            List<ReleaseResult> results = new ArrayList<>();
            for (CompletableFuture<ReleaseResult> f : futures.values()) results.add(f.join());

            // Prune: only where every planned release succeeded, never while interrupted.
            for (OrganizationUnit o : organizations) {
                ApplyReport.OrganizationResult setup = orgResults.get(o.organization());
                if (setup.failure() != null || cancel.cancelled()) continue;
                boolean allOk = results.stream().filter(r -> r.organization().equals(o.organization())).noneMatch(r -> r.phase().failure());
                if (!allOk) continue;
                results.addAll(prune(o, kubes.get(o.target()), inventories.get(o.organization())));
            }
            return new ApplyReport(results, orgResults, cancel.cancelled(), options.dryRun(), ReleaseApplier.since(start));
        } finally {
            pool.shutdownNow();
            kubes.values().forEach(Kubernetes::close);
        }
    }

    private ReleaseResult start(ReleaseUnit u, Kubernetes kube, List<CompletableFuture<ReleaseResult>> deps, ReleaseApplier applier) {
        for (CompletableFuture<ReleaseResult> d : deps) {
            ReleaseResult r = d.join();
            if (r.phase().failure()) {
                ReleaseResult s = ReleaseApplier.pending(u).with(Phase.SKIPPED, 0, Duration.ZERO, "depends on " + r.name()
                        + ", which " + (r.phase() == Phase.SKIPPED ? "was skipped" : r.phase() == Phase.CANCELLED ? "was cancelled" : "failed"));
                progress.update(s);
                return s;
            }
        }
        if (cancel.cancelled()) {
            ReleaseResult c = ReleaseApplier.pending(u).with(Phase.CANCELLED, 0, Duration.ZERO, "not started");
            progress.update(c);
            return c;
        }
        return applier.apply(u, kube);
    }

    /** The releases with each after the ones it depends on (the plan's order when it already is so). */
    static List<ReleaseUnit> ordered(List<ReleaseUnit> releases) {
        List<ReleaseUnit> out = new ArrayList<>();
        List<ReleaseUnit> left = new ArrayList<>(releases);
        java.util.Set<String> names = new java.util.HashSet<>();
        releases.forEach(r -> names.add(r.ref().name()));
        java.util.Set<String> placed = new java.util.HashSet<>();
        while (!left.isEmpty()) {
            boolean progressMade = false;
            for (java.util.Iterator<ReleaseUnit> it = left.iterator(); it.hasNext(); ) {
                ReleaseUnit u = it.next();
                if (u.dependsOn().stream().allMatch(d -> placed.contains(d) || !names.contains(d))) {
                    out.add(u);
                    placed.add(u.ref().name());
                    it.remove();
                    progressMade = true;
                }
            }
            if (!progressMade) throw new IllegalArgumentException("the releases' dependencies form a cycle: "
                    + left.stream().map(ReleaseUnit::key).toList());
        }
        return out;
    }

    /** Namespace, inventory and Secrets of one organization; a failure is said once and stops its releases. */
    private ApplyReport.OrganizationResult setUp(OrganizationUnit o, Kubernetes kube, Map<String, Optional<Inventory>> inventories) {
        List<String> notes = new ArrayList<>();
        String cluster = o.target().toString();
        try {
            Optional<Map<String, Object>> ns = kube.get(ObjectRef.namespace(o.namespace()));
            if (ns.isPresent() && Labels.label(ns.get(), Labels.FLUX_KUSTOMIZATION) != null) {
                return refused(o, cluster, notes, "namespace " + o.namespace() + " is delivered by Flux (Kustomization "
                        + Labels.label(ns.get(), Labels.FLUX_KUSTOMIZATION) + "): orca apply would fight it; use orca publish,"
                        + " or remove the organization from GitOps first");
            }
            Optional<Inventory> old = ns.isPresent() ? Inventory.read(kube, o.namespace()) : Optional.empty();
            if (old.isPresent() && !old.get().network().equals(o.network())) {
                return refused(o, cluster, notes, "namespace " + o.namespace() + " holds the releases of network "
                        + old.get().network() + " (its " + Inventory.NAME + " ConfigMap), not " + o.network());
            }
            synchronized (inventories) {
                inventories.put(o.organization(), old);
            }
            boolean ours = ns.isPresent() && Labels.CREATED_BY_APPLY.equals(Labels.annotation(ns.get(), Labels.CREATED_BY));
            if (options.dryRun()) {
                if (ns.isEmpty()) notes.add("would create namespace " + o.namespace());
                for (Map<String, Object> s : o.secrets()) {
                    ObjectRef ref = ObjectRef.of(s);
                    Optional<Map<String, Object>> live = ns.isPresent() ? kube.get(ref) : Optional.empty();
                    if (live.isEmpty()) notes.add("would create Secret " + ref.name());
                    else if (!sameSecret(live.get(), s)) notes.add("would update Secret " + ref.name() + " (values not shown)");
                }
                return new ApplyReport.OrganizationResult(o.organization(), o.namespace(), cluster, notes, null);
            }
            if (ns.isEmpty() || ours) {
                kube.apply(namespace(o));
                if (ns.isEmpty()) notes.add("namespace " + o.namespace() + " created");
            }
            old.orElse(new Inventory(o.network(), o.organization(), List.of()))
                    .plus(o.releases().stream().map(r -> r.ref().name()).toList()).write(kube, o.namespace());
            int changed = 0;
            for (Map<String, Object> s : o.secrets()) {
                Optional<Map<String, Object>> live = kube.get(ObjectRef.of(s));
                if (live.isPresent() && sameSecret(live.get(), s)) continue;
                kube.apply(s);
                changed++;
            }
            if (changed > 0) notes.add(changed + " Secret(s) applied");
            notes.forEach(n -> progress.note(o.organization(), n));
            return new ApplyReport.OrganizationResult(o.organization(), o.namespace(), cluster, notes, null);
        } catch (KubeException | HelmException e) {
            return refused(o, cluster, notes, e.getMessage());
        }
    }

    private ApplyReport.OrganizationResult refused(OrganizationUnit o, String cluster, List<String> notes, String why) {
        progress.note(o.organization(), "failed: " + why);
        return new ApplyReport.OrganizationResult(o.organization(), o.namespace(), cluster, notes, why);
    }

    private static boolean sameSecret(Map<String, Object> live, Map<String, Object> planned) {
        return java.util.Objects.equals(live.get("data"), planned.get("data")) && java.util.Objects.equals(live.get("type"), planned.get("type"))
                && java.util.Objects.equals(Labels.annotation(live, Labels.PUBLIC), Labels.annotation(planned, Labels.PUBLIC))
                && java.util.Objects.equals(Labels.label(live, Labels.GENERATED), Labels.label(planned, Labels.GENERATED));
    }

    static Map<String, Object> namespace(OrganizationUnit o) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", o.namespace());
        meta.put("labels", Labels.orca(o.organization()));
        meta.put("annotations", Map.of(Labels.CREATED_BY, Labels.CREATED_BY_APPLY));
        Map<String, Object> ns = new LinkedHashMap<>();
        ns.put("apiVersion", "v1");
        ns.put("kind", "Namespace");
        ns.put("metadata", meta);
        return ns;
    }

    /** Uninstalls the releases the inventory lists and the plan no longer has (latest first), then records the plan. */
    private List<ReleaseResult> prune(OrganizationUnit o, Kubernetes kube, Optional<Inventory> old) {
        List<String> planned = o.releases().stream().map(r -> r.ref().name()).toList();
        List<String> gone = new ArrayList<>(old.map(Inventory::releases).orElse(List.of()));
        gone.removeAll(planned);
        java.util.Collections.reverse(gone);
        List<ReleaseResult> out = new ArrayList<>();
        if (!options.prune()) return out;
        for (String name : gone) {
            long start = System.nanoTime();
            ReleaseResult r = new ReleaseResult(o.organization(), o.namespace(), name, "", "", Phase.UNINSTALLING, 0,
                    Duration.ZERO, "no longer planned", "");
            if (options.dryRun()) {
                out.add(r.with(Phase.WOULD_UNINSTALL, 0, Duration.ZERO, "no longer planned"));
                continue;
            }
            progress.update(r);
            try {
                boolean was = helm.uninstall(o.target(), new ReleaseRef(name, o.namespace()));
                r = r.with(was ? Phase.UNINSTALLED : Phase.ABSENT, 0, ReleaseApplier.since(start), "no longer planned");
            } catch (HelmException e) {
                r = r.with(Phase.FAILED, 0, ReleaseApplier.since(start), "prune: " + ReleaseApplier.firstLines(e.getMessage()));
            }
            progress.update(r);
            out.add(r);
        }
        if (!options.dryRun() && out.stream().noneMatch(r -> r.phase() == Phase.FAILED)) {
            try {
                new Inventory(o.network(), o.organization(), planned).write(kube, o.namespace());
            } catch (KubeException e) {
                progress.note(o.organization(), "could not record the inventory: " + e.getMessage());
            }
        }
        return out;
    }
}
