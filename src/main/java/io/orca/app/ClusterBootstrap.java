package io.orca.app;

import io.orca.apply.Cancellation;
import io.orca.kube.KubeException;
import io.orca.kube.Kubernetes;
import io.orca.kube.ObjectRef;
import io.orca.kube.Readiness;
import io.orca.render.FluxInstall;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Flux namespace of one cluster brought to what {@code orca bootstrap} wants: Flux's controllers at the pinned
 * version (unless a Flux of that version is already there), then the organization's objects (Secrets, sync objects,
 * Receiver). Orca changes only objects labelled {@code app.kubernetes.io/managed-by: orca} or absent; a Flux of
 * another version is refused unless {@code force}. Every write is a server-side apply, so a second run changes
 * nothing (the resourceVersion stays), and an interrupted run is completed by the next one.
 */
final class ClusterBootstrap {
    private static final List<String> SYNC_KINDS = List.of("GitRepository", "Kustomization", "Receiver");
    private final Kubernetes kube;
    private final boolean dryRun;
    private final boolean force;
    private final Cancellation cancel;
    private final List<BootstrapService.Change> changes = new ArrayList<>();

    ClusterBootstrap(Kubernetes kube, boolean dryRun, boolean force, Cancellation cancel) {
        this.kube = kube;
        this.dryRun = dryRun;
        this.force = force;
        this.cancel = cancel;
    }

    List<BootstrapService.Change> changes() {
        return changes;
    }

    /** The Flux components on the cluster whose version label is not Orca's pinned version ("what: version"). */
    List<String> otherVersions(List<Map<String, Object>> install) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> o : install) {
            String kind = String.valueOf(o.get("kind"));
            if (!kind.equals("CustomResourceDefinition") && !kind.equals("Deployment")) continue;
            ObjectRef ref = ObjectRef.of(o);
            Optional<Map<String, Object>> found = kube.get(ref);
            if (found.isEmpty()) continue;
            String version = label(found.get(), FluxInstall.VERSION_LABEL);
            if (version != null && !version.equals(FluxInstall.VERSION)) out.add(ref + ": " + version);
        }
        return out;
    }

    /** Applies the objects in order; objects someone else owns are kept (with --force, Flux's own are taken over). */
    void apply(List<Map<String, Object>> objects, boolean takeOverFlux) throws InterruptedException {
        for (Map<String, Object> o : objects) {
            if (cancel.cancelled()) throw new InterruptedException();
            ObjectRef ref = ObjectRef.of(o);
            Optional<Map<String, Object>> found = kube.get(ref);
            if (found.isPresent() && !ours(found.get())) {
                boolean otherFlux = takeOverFlux && force && "flux".equals(label(found.get(), FluxInstall.PART_OF_LABEL))
                        && !FluxInstall.VERSION.equals(label(found.get(), FluxInstall.VERSION_LABEL));
                if (!otherFlux) {
                    changes.add(new BootstrapService.Change(ref.toString(), BootstrapService.Action.KEPT, "exists, not Orca's: left as it is"));
                    continue;
                }
            }
            if (dryRun) {
                BootstrapService.Action a = found.isEmpty() ? BootstrapService.Action.CREATE
                        : contains(found.get(), o) ? BootstrapService.Action.UNCHANGED : BootstrapService.Action.UPDATE;
                changes.add(new BootstrapService.Change(ref.toString(), a, null));
                continue;
            }
            Map<String, Object> stored = kube.apply(o);
            BootstrapService.Action a = found.isEmpty() ? BootstrapService.Action.CREATE
                    : resourceVersion(found.get()).equals(resourceVersion(stored)) ? BootstrapService.Action.UNCHANGED
                    : BootstrapService.Action.UPDATE;
            changes.add(new BootstrapService.Change(ref.toString(), a, null));
        }
    }

    /** Waits until the kinds the sync objects need are served (CRDs just created take a moment to be established). */
    boolean awaitServed(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        for (String kind : SYNC_KINDS) {
            String api = switch (kind) {
                case "GitRepository" -> io.orca.render.FluxRenderer.SOURCE_API;
                case "Kustomization" -> io.orca.render.FluxRenderer.KUSTOMIZE_API;
                default -> io.orca.render.FluxReceiver.API;
            };
            while (!kube.serves(api, kind)) {
                if (System.nanoTime() > end || dryRun) return false;
                if (cancel.cancelled()) throw new InterruptedException();
                Thread.sleep(250);
            }
        }
        return true;
    }

    /** Waits for the controllers' Deployments Orca applied to be Ready; the ones not Ready at the end, with why. */
    List<String> awaitControllers(String namespace, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        List<String> waiting = new ArrayList<>();
        while (true) {
            waiting.clear();
            for (String c : FluxInstall.CONTROLLERS) {
                ObjectRef ref = new ObjectRef("apps/v1", "Deployment", namespace, c);
                Optional<Map<String, Object>> d = kube.get(ref);
                if (d.isEmpty()) {
                    waiting.add(c + ": absent");
                    continue;
                }
                Readiness.Status s = Readiness.of(d.get());
                if (!s.ready()) waiting.add(c + ": " + s.message());
            }
            if (waiting.isEmpty() || System.nanoTime() > end) return List.copyOf(waiting);
            if (cancel.cancelled()) throw new InterruptedException();
            Thread.sleep(500);
        }
    }

    static boolean ours(Map<String, Object> o) {
        return "orca".equals(label(o, FluxInstall.MANAGED_BY_LABEL));
    }

    @SuppressWarnings("unchecked")
    static String label(Map<String, Object> o, String key) {
        if (!(o.get("metadata") instanceof Map<?, ?> m) || !(m.get("labels") instanceof Map<?, ?> l)) return null;
        Object v = ((Map<String, Object>) l).get(key);
        return v == null ? null : String.valueOf(v);
    }

    private static String resourceVersion(Map<String, Object> o) {
        return o.get("metadata") instanceof Map<?, ?> m ? String.valueOf(m.get("resourceVersion")) : "";
    }

    /** Whether {@code actual} holds every field of {@code wanted} (the API server adds defaults; those are fine). */
    static boolean contains(Object actual, Object wanted) {
        if (wanted instanceof Map<?, ?> w) {
            if (!(actual instanceof Map<?, ?> a)) return false;
            for (Map.Entry<?, ?> e : w.entrySet()) if (!contains(a.get(e.getKey()), e.getValue())) return false;
            return true;
        }
        if (wanted instanceof List<?> w) {
            if (!(actual instanceof List<?> a) || a.size() != w.size()) return false;
            for (int i = 0; i < w.size(); i++) if (!contains(a.get(i), w.get(i))) return false;
            return true;
        }
        return actual != null && String.valueOf(actual).equals(String.valueOf(wanted));
    }

}
