package io.orca.apply;

import io.orca.helm.HelmEngine;
import io.orca.helm.HelmException;
import io.orca.helm.ReleaseStatus;
import io.orca.kube.KubeException;
import io.orca.kube.KubeTarget;
import io.orca.kube.Kubernetes;
import io.orca.kube.ObjectRef;
import io.orca.kube.Readiness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * {@code orca status}, per organization from its cluster, read only. The delivery mode is the cluster's: a namespace
 * with Orca's inventory was delivered by {@code orca apply} (dev mode: each release's Helm status and its workloads'
 * readiness); otherwise GitOps (the sync GitRepository and Kustomization in the Flux namespace and each HelmRelease:
 * Ready, Reason, Message, as {@code flux get} shows them).
 */
public final class StatusReader {
    public static final String FLUX_SOURCE_API = "source.toolkit.fluxcd.io/v1";
    public static final String FLUX_KUSTOMIZE_API = "kustomize.toolkit.fluxcd.io/v1";
    public static final String FLUX_HELM_API = "helm.toolkit.fluxcd.io/v2";

    /** One row: a release (dev mode) or a Flux object (GitOps). */
    public record Item(String kind, String name, String namespace, String revision, String status, boolean ready,
                       String reason, String message) {
    }

    /** One organization: its mode (dev, gitops, none), items, and why it could not be read, if so. */
    public record OrganizationStatus(String organization, String namespace, String cluster, String mode, List<Item> items,
                                     String failure) {
        public OrganizationStatus {
            items = List.copyOf(items);
        }

        public boolean ready() {
            return failure == null && !items.isEmpty() && items.stream().allMatch(Item::ready);
        }

        public long readyCount() {
            return items.stream().filter(Item::ready).count();
        }
    }

    private final HelmEngine helm;
    private final Function<KubeTarget, Kubernetes> clusters;

    public StatusReader(HelmEngine helm, Function<KubeTarget, Kubernetes> clusters) {
        this.helm = helm;
        this.clusters = clusters;
    }

    /** @param fluxNamespace where the GitOps sync objects live ({@code flux-<env>}) */
    public OrganizationStatus read(OrganizationUnit o, String fluxNamespace) {
        String cluster = o.target().toString();
        try (Kubernetes kube = clusters.apply(o.target())) {
            Optional<Map<String, Object>> ns = kube.get(ObjectRef.namespace(o.namespace()));
            Optional<Inventory> inventory = ns.isPresent() ? Inventory.read(kube, o.namespace()) : Optional.empty();
            if (inventory.isPresent()) return new OrganizationStatus(o.organization(), o.namespace(), cluster, "dev", dev(o, kube), null);
            if (ns.isPresent() && kube.serves(FLUX_HELM_API, "HelmRelease")) {
                List<Item> items = gitops(o, kube, fluxNamespace);
                if (items.stream().anyMatch(i -> !"absent".equals(i.status()))) {
                    return new OrganizationStatus(o.organization(), o.namespace(), cluster, "gitops", items, null);
                }
            }
            List<Item> none = new ArrayList<>();
            for (ReleaseUnit u : o.releases()) {
                none.add(new Item("release", u.ref().name(), o.namespace(), "", "not installed", false, "NotDeployed",
                        ns.isPresent() ? "neither orca apply nor Flux delivered it" : "namespace " + o.namespace() + " does not exist"));
            }
            return new OrganizationStatus(o.organization(), o.namespace(), cluster, "none", none, null);
        } catch (KubeException | HelmException e) {
            return new OrganizationStatus(o.organization(), o.namespace(), cluster, "unknown", List.of(), e.getMessage());
        }
    }

    private List<Item> dev(OrganizationUnit o, Kubernetes kube) {
        List<Item> out = new ArrayList<>();
        for (ReleaseUnit u : o.releases()) {
            Optional<ReleaseStatus> s = helm.status(o.target(), u.ref());
            if (s.isEmpty()) {
                out.add(new Item("release", u.ref().name(), o.namespace(), "", "not installed", false, "NotInstalled", "run orca apply"));
                continue;
            }
            ReleaseStatus st = s.get();
            if (!st.deployed()) {
                out.add(new Item("release", u.ref().name(), o.namespace(), String.valueOf(st.revision()), st.status(), false,
                        "HelmStatus", "Helm's status is " + st.status()));
                continue;
            }
            String manifest = helm.get(o.target(), u.ref(), OptionalInt.of(st.revision())).manifest();
            List<String> notReady = new ArrayList<>();
            int workloads = 0;
            for (ObjectRef w : ManifestObjects.workloads(manifest, o.namespace())) {
                workloads++;
                Readiness.Status r = kube.get(w).map(Readiness::of).orElse(null);
                if (r == null) notReady.add(w.kind() + " " + w.name() + ": not found");
                else if (!r.ready()) notReady.add(w.kind() + " " + w.name() + ": " + r.message());
            }
            boolean ready = notReady.isEmpty();
            out.add(new Item("release", u.ref().name(), o.namespace(), String.valueOf(st.revision()), st.status(), ready,
                    ready ? "Ready" : "WorkloadsNotReady",
                    ready ? workloads + " workload(s) ready" : String.join("; ", notReady)));
        }
        return out;
    }

    private List<Item> gitops(OrganizationUnit o, Kubernetes kube, String fluxNamespace) {
        List<Item> out = new ArrayList<>();
        out.add(flux(kube, FLUX_SOURCE_API, "GitRepository", fluxNamespace, fluxNamespace));
        out.add(flux(kube, FLUX_KUSTOMIZE_API, "Kustomization", fluxNamespace, fluxNamespace));
        for (ReleaseUnit u : o.releases()) out.add(flux(kube, FLUX_HELM_API, "HelmRelease", o.namespace(), u.ref().name()));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Item flux(Kubernetes kube, String apiVersion, String kind, String namespace, String name) {
        Optional<Map<String, Object>> obj = kube.get(new ObjectRef(apiVersion, kind, namespace, name));
        if (obj.isEmpty()) return new Item(kind, name, namespace, "", "absent", false, "NotFound", kind + " not found");
        Map<String, Object> status = obj.get().get("status") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Optional<Map<String, Object>> ready = Readiness.condition(status, "Ready");
        String revision = revision(status);
        if (ready.isEmpty()) return new Item(kind, name, namespace, revision, "Unknown", false, "", "not reconciled yet");
        Map<String, Object> c = ready.get();
        return new Item(kind, name, namespace, revision, String.valueOf(c.getOrDefault("status", "Unknown")),
                "True".equals(c.get("status")), String.valueOf(c.getOrDefault("reason", "")), String.valueOf(c.getOrDefault("message", "")));
    }

    @SuppressWarnings("unchecked")
    private static String revision(Map<String, Object> status) {
        if (status.get("artifact") instanceof Map<?, ?> a && a.get("revision") != null) return String.valueOf(a.get("revision"));
        if (status.get("lastAppliedRevision") != null) return String.valueOf(status.get("lastAppliedRevision"));
        if (status.get("lastAttemptedRevision") != null) return String.valueOf(status.get("lastAttemptedRevision"));
        return "";
    }
}
