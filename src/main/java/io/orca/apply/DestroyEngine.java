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
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Dev mode's destroy, per organization (organizations in parallel): the releases its inventory lists, in reverse
 * dependency order, one level at a time — uninstalled, then waited for until their Pods are gone (Helm's uninstall does
 * not wait, decision 0011) — then Orca's Secrets and inventory, then the namespace if {@code orca apply} created it.
 * Data is kept unless {@code purgeData}: the volume claims and the Secrets of generated key material stay, and with
 * them the namespace that holds them (deleting a namespace deletes everything in it).
 */
public final class DestroyEngine {
    /** @param timeout how long to wait for one level's Pods, and for the namespace, to be gone */
    public record Options(boolean purgeData, Duration timeout, long pollMillis) {
        public static final Options DEFAULT = new Options(false, Duration.ofMinutes(5), 500);
    }

    /** One organization's destroy: releases uninstalled, what was deleted or kept, or why it stopped. */
    public record OrganizationResult(String organization, String namespace, String cluster, List<ReleaseResult> releases,
                                     List<String> notes, String failure) {
        public OrganizationResult {
            releases = List.copyOf(releases);
            notes = List.copyOf(notes);
        }
    }

    public record Report(List<OrganizationResult> organizations, boolean cancelled, Duration duration) {
        public Report {
            organizations = List.copyOf(organizations);
        }

        public int exitCode() {
            if (cancelled) return 130;
            return organizations.stream().anyMatch(o -> o.failure() != null
                    || o.releases().stream().anyMatch(r -> r.phase() == Phase.FAILED)) ? 1 : 0;
        }
    }

    private final HelmEngine helm;
    private final Function<KubeTarget, Kubernetes> clusters;
    private final Options options;
    private final Cancellation cancel;
    private final Progress progress;

    public DestroyEngine(HelmEngine helm, Function<KubeTarget, Kubernetes> clusters, Options options, Cancellation cancel,
                         Progress progress) {
        this.helm = helm;
        this.clusters = clusters;
        this.options = options;
        this.cancel = cancel;
        this.progress = progress;
    }

    public Report destroy(List<OrganizationUnit> organizations) {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(16, organizations.size())), r -> {
            Thread t = new Thread(r, "orca-destroy");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<OrganizationResult>> futures = new ArrayList<>();
            for (OrganizationUnit o : organizations) futures.add(CompletableFuture.supplyAsync(() -> destroy(o), pool));
            List<OrganizationResult> out = new ArrayList<>();
            for (CompletableFuture<OrganizationResult> f : futures) out.add(f.join());
            return new Report(out, cancel.cancelled(), ReleaseApplier.since(start));
        } finally {
            pool.shutdownNow();
        }
    }

    private OrganizationResult destroy(OrganizationUnit o) {
        List<String> notes = new ArrayList<>();
        List<ReleaseResult> releases = new ArrayList<>();
        String cluster = o.target().toString();
        try (Kubernetes kube = clusters.apply(o.target())) {
            Optional<Map<String, Object>> ns = kube.get(ObjectRef.namespace(o.namespace()));
            if (ns.isEmpty()) {
                notes.add("nothing to destroy: namespace " + o.namespace() + " does not exist");
                progress.note(o.organization(), notes.get(0));
                return new OrganizationResult(o.organization(), o.namespace(), cluster, releases, notes, null);
            }
            if (Labels.label(ns.get(), Labels.FLUX_KUSTOMIZATION) != null) {
                return new OrganizationResult(o.organization(), o.namespace(), cluster, releases, notes, "namespace "
                        + o.namespace() + " is delivered by Flux: destroy it through GitOps");
            }
            Optional<Inventory> inventory = Inventory.read(kube, o.namespace());
            for (List<String> level : levels(o, inventory.map(Inventory::releases).orElse(List.of()))) {
                if (cancel.cancelled()) break;
                List<String> prefixes = new ArrayList<>();
                for (String name : level) releases.add(uninstall(o, kube, name, prefixes));
                if (!awaitPodsGone(kube, o.namespace(), prefixes)) {
                    String why = cancel.cancelled() ? "interrupted while waiting for the Pods of " + level + " to go"
                            : "the Pods of " + level + " are still there after " + ReadinessWait.human(options.timeout());
                    return new OrganizationResult(o.organization(), o.namespace(), cluster, releases, notes, why);
                }
            }
            if (cancel.cancelled()) {
                return new OrganizationResult(o.organization(), o.namespace(), cluster, releases, notes, "interrupted");
            }
            int kept = 0;
            int deleted = 0;
            for (Map<String, Object> s : ClusterSecrets.owned(kube, o.namespace(), o.organization())) {
                if ("true".equals(Labels.label(s, Labels.GENERATED)) && !options.purgeData()) {
                    kept++;
                    continue;
                }
                if (kube.delete(ObjectRef.of(s))) deleted++;
            }
            if (deleted > 0) notes.add(deleted + " Secret(s) deleted");
            if (kube.delete(Inventory.ref(o.namespace()))) notes.add("inventory deleted");
            List<Map<String, Object>> claims = kube.list("v1", "PersistentVolumeClaim", o.namespace(), Map.of());
            boolean ours = Labels.CREATED_BY_APPLY.equals(Labels.annotation(ns.get(), Labels.CREATED_BY));
            if (options.purgeData() && !ours) {
                for (Map<String, Object> c : claims) {
                    String name = String.valueOf(Labels.metadata(c).get("name"));
                    if (inventory.map(i -> i.releases().stream().anyMatch(name::contains)).orElse(false)) {
                        kube.delete(ObjectRef.of(c));
                    }
                }
            }
            if (ours && (options.purgeData() || (claims.isEmpty() && kept == 0))) {
                kube.delete(ObjectRef.namespace(o.namespace()));
                if (!kube.awaitGone(ObjectRef.namespace(o.namespace()), options.timeout())) {
                    return new OrganizationResult(o.organization(), o.namespace(), cluster, releases, notes, "namespace "
                            + o.namespace() + " is still terminating after " + ReadinessWait.human(options.timeout()));
                }
                notes.add("namespace " + o.namespace() + " deleted" + (options.purgeData() && !claims.isEmpty()
                        ? " with its " + claims.size() + " volume claim(s)" : ""));
            } else if (ours) {
                notes.add("namespace " + o.namespace() + " kept: it holds " + claims.size() + " volume claim(s) and " + kept
                        + " Secret(s) of key material (--purge-data deletes them)");
            } else if (kept > 0 || !claims.isEmpty()) {
                notes.add("namespace " + o.namespace() + " was not created by orca apply and is kept");
            }
            notes.forEach(n -> progress.note(o.organization(), n));
            return new OrganizationResult(o.organization(), o.namespace(), cluster, releases, notes, null);
        } catch (KubeException | HelmException e) {
            return new OrganizationResult(o.organization(), o.namespace(), cluster, releases, notes, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OrganizationResult(o.organization(), o.namespace(), cluster, releases, notes, "interrupted");
        }
    }

    private ReleaseResult uninstall(OrganizationUnit o, Kubernetes kube, String name, List<String> podPrefixes) {
        long start = System.nanoTime();
        ReleaseRef ref = new ReleaseRef(name, o.namespace());
        ReleaseResult r = new ReleaseResult(o.organization(), o.namespace(), name, "", "", Phase.UNINSTALLING, 0, Duration.ZERO, "", "");
        progress.update(r);
        try {
            // The workloads' names, to wait for their Pods (StatefulSet web-0, Deployment web-5d9c-xk2, Job init-abcde).
            var status = helm.status(o.target(), ref);
            if (status.isPresent()) {
                String manifest = helm.get(o.target(), ref, OptionalInt.of(status.get().revision())).manifest();
                for (ObjectRef w : ManifestObjects.workloads(manifest, o.namespace())) podPrefixes.add(w.name());
            }
            boolean was = status.isPresent() && helm.uninstall(o.target(), ref);
            r = r.with(was ? Phase.UNINSTALLED : Phase.ABSENT, status.map(s -> s.revision()).orElse(0), ReleaseApplier.since(start),
                    was ? "" : "not installed");
        } catch (HelmException | KubeException e) {
            r = r.with(Phase.FAILED, 0, ReleaseApplier.since(start), ReleaseApplier.firstLines(e.getMessage()));
        }
        progress.update(r);
        return r;
    }

    private boolean awaitPodsGone(Kubernetes kube, String namespace, List<String> workloads) {
        if (workloads.isEmpty()) return true;
        long end = System.nanoTime() + options.timeout().toNanos();
        while (true) {
            boolean any = false;
            for (Map<String, Object> p : kube.list("v1", "Pod", namespace, Map.of())) {
                if (ownedByAny(p, workloads)) {
                    any = true;
                    break;
                }
            }
            if (!any) return true;
            if (System.nanoTime() > end) return false;
            if (!cancel.sleep(options.pollMillis())) return false;
        }
    }

    /**
     * Whether a Pod belongs to one of the workloads (by name): a bare Pod of that name, or one whose owner is the
     * StatefulSet, Job or DaemonSet of that name, or a ReplicaSet of the Deployment ({@code <name>-<hash>}). Names
     * alone would mistake {@code node-1-tessera-0} for a Pod of {@code node-1}.
     */
    @SuppressWarnings("unchecked")
    static boolean ownedByAny(Map<String, Object> pod, List<String> workloads) {
        Map<String, Object> meta = Labels.metadata(pod);
        if (workloads.contains(String.valueOf(meta.get("name")))) return true;
        if (!(meta.get("ownerReferences") instanceof List<?> owners)) return false;
        for (Object o : owners) {
            if (!(o instanceof Map<?, ?> ref)) continue;
            String kind = String.valueOf(ref.get("kind"));
            String name = String.valueOf(ref.get("name"));
            for (String w : workloads) {
                if (name.equals(w) && !kind.equals("ReplicaSet")) return true;
                if (kind.equals("ReplicaSet") && name.startsWith(w + "-") && name.substring(w.length() + 1).matches("[a-z0-9]+")) return true;
            }
        }
        return false;
    }

    /**
     * The releases to uninstall, one list per level, dependents first: releases only the inventory knows (no longer
     * planned) first, then the planned ones from the deepest dependency level up.
     */
    static List<List<String>> levels(OrganizationUnit o, List<String> inventory) {
        Map<String, Integer> depth = new HashMap<>();
        for (ReleaseUnit u : ApplyEngine.ordered(o.releases())) {
            int d = 0;
            for (String dep : u.dependsOn()) d = Math.max(d, depth.getOrDefault(dep, -1) + 1);
            depth.put(u.ref().name(), d);
        }
        Map<Integer, List<String>> byLevel = new java.util.TreeMap<>(Collections.reverseOrder());
        List<String> unknown = new ArrayList<>();
        for (String name : inventory) {
            if (depth.containsKey(name)) byLevel.computeIfAbsent(depth.get(name), k -> new ArrayList<>()).add(name);
            else unknown.add(name);
        }
        List<List<String>> out = new ArrayList<>();
        if (!unknown.isEmpty()) {
            Collections.reverse(unknown);
            out.add(unknown);
        }
        out.addAll(new LinkedHashMap<>(byLevel).values());
        return out;
    }
}
