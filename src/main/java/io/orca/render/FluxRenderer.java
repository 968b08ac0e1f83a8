package io.orca.render;

import io.orca.model.Names;
import io.orca.model.Network;
import io.orca.model.Organization;
import io.orca.model.Redaction;
import io.orca.plan.DeploymentPlan;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.ReleasePlan;
import io.orca.plan.SecretPlan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.orca.render.Manifests.list;
import static io.orca.render.Manifests.map;

/**
 * Renders a plan as Flux v2 manifests, per GitOps repository. Layout under each release_dir (Bevel-compatible names):
 * <pre>
 * kustomization.yaml                 lists flux-&lt;env&gt;/ and one folder per organization namespace
 * flux-&lt;env&gt;/gotk-sync.yaml         GitRepository + Kustomization flux-&lt;env&gt; (what flux bootstrap writes)
 * flux-&lt;env&gt;/notifications.yaml     Provider + Alert, when network.flux.notifications is set
 * &lt;org&gt;-bes/namespace.yaml           the organization's Namespace
 * &lt;org&gt;-bes/charts.yaml              HelmRepository / OCIRepository, when gitops.chart_repository says so
 * &lt;org&gt;-bes/&lt;release&gt;.yaml          one HelmRelease per release
 * </pre>
 * Pure: same plan, same bytes.
 */
public final class FluxRenderer {
    public static final String HELM_RELEASE_API = "helm.toolkit.fluxcd.io/v2";
    public static final String SOURCE_API = "source.toolkit.fluxcd.io/v1";
    public static final String KUSTOMIZE_API = "kustomize.toolkit.fluxcd.io/v1";
    public static final String NOTIFICATION_API = "notification.toolkit.fluxcd.io/v1beta3";
    public static final String KUSTOMIZE_CONFIG_API = "kustomize.config.k8s.io/v1beta1";
    /** The Secret, in the Flux namespace, holding the age private key kustomize-controller decrypts with. */
    public static final String SOPS_KEY_SECRET = "sops-age";

    private FluxRenderer() {
    }

    public static List<RepositoryTree> render(DeploymentPlan plan) {
        return render(plan, Map.of());
    }

    /**
     * @param repositorySecrets Flux's Git credentials per repository ({@link #repoKey}): the sync GitRepository's
     *                          secretRef, sealed beside gotk-sync.yaml
     */
    public static List<RepositoryTree> render(DeploymentPlan plan, Map<String, SecretPlan> repositorySecrets) {
        Network net = plan.network();
        String header = Manifests.header(net.name());
        Map<String, List<OrganizationPlan>> byRepo = new LinkedHashMap<>();
        for (OrganizationPlan op : plan.organizations()) {
            Organization.Gitops g = op.organization().gitops();
            byRepo.computeIfAbsent(repoKey(g), k -> new ArrayList<>()).add(op);
        }
        List<RepositoryTree> trees = new ArrayList<>();
        Map<String, String> names = treeNames(net);
        for (List<OrganizationPlan> orgs : byRepo.values()) {
            Organization.Gitops gitops = orgs.get(0).organization().gitops();
            SortedMap<String, String> files = new TreeMap<>();
            Map<String, List<OrganizationPlan>> byDir = new LinkedHashMap<>();
            for (OrganizationPlan op : orgs) {
                byDir.computeIfAbsent(op.organization().gitops().releaseDir(), k -> new ArrayList<>()).add(op);
            }
            for (Map.Entry<String, List<OrganizationPlan>> e : byDir.entrySet()) {
                renderReleaseDir(repositorySecrets, net, gitops, e.getKey(), e.getValue(), header, files);
            }
            String unique = names.get(repoKey(gitops));
            trees.add(new RepositoryTree(unique, gitops, orgs.stream().map(o -> o.organization().name()).toList(),
                    List.copyOf(byDir.keySet()), files));
        }
        return trees;
    }

    /** Identifies a repository and branch (what one tree, and one commit, covers). */
    public static String repoKey(Organization.Gitops g) {
        return g.url() + "\u0000" + g.branch();
    }

    /** The folder name of each repository's tree: stable, unique, derived from the URL (or the organization). */
    public static Map<String, String> treeNames(Network net) {
        Map<String, String> names = new LinkedHashMap<>();
        TreeSet<String> used = new TreeSet<>();
        for (Organization o : net.organizations()) {
            String key = repoKey(o.gitops());
            if (names.containsKey(key)) continue;
            String name = repoName(o.gitops(), o.name());
            String unique = name;
            for (int i = 2; used.contains(unique); i++) unique = name + "-" + i;
            used.add(unique);
            names.put(key, unique);
        }
        return names;
    }

    private static String repoName(Organization.Gitops g, String firstOrg) {
        if (g.embedded()) return firstOrg;
        String u = g.url();
        while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
        String last = u.substring(Math.max(u.lastIndexOf('/'), u.lastIndexOf(':')) + 1);
        if (last.endsWith(".git")) last = last.substring(0, last.length() - 4);
        return last.isEmpty() ? firstOrg : Names.toDnsLabel(last);
    }

    private static void renderReleaseDir(Map<String, SecretPlan> repositorySecrets, Network net, Organization.Gitops gitops, String dir, List<OrganizationPlan> orgs,
                                         String header, SortedMap<String, String> files) {
        String fluxNs = net.flux().namespace();
        String fluxDir = "flux-" + net.env().type();
        List<String> resources = new ArrayList<>();
        boolean sops = repositorySecrets.containsKey(repoKey(gitops))
                || orgs.stream().anyMatch(o -> !o.secrets().isEmpty() && !o.organization().secrets().ageRecipients().isEmpty());
        List<String> fluxResources = new ArrayList<>();
        // A cluster can only sync from a URL it reaches; for a local repository (the embedded default, file://) the
        // operator points Flux at wherever the repository is served, so Orca writes no sync objects for it.
        if (fluxReachable(gitops)) {
            put(files, dir + "/" + fluxDir + "/gotk-sync.yaml", header, syncGitRepository(net, gitops, fluxNs),
                    syncKustomization(net, dir, fluxNs, sops));
            fluxResources.add("gotk-sync.yaml");
            if (repositorySecrets.containsKey(repoKey(gitops))) {
                fluxResources.add(repositorySecrets.get(repoKey(gitops)).name() + ".sops.yaml");
            }
        }
        net.flux().notifications().ifPresent(n -> {
            put(files, dir + "/" + fluxDir + "/notifications.yaml", header, provider(n, fluxNs),
                    alert(n, fluxNs, orgs.stream().map(OrganizationPlan::namespace).toList()));
            fluxResources.add("notifications.yaml");
        });
        if (!fluxResources.isEmpty()) {
            put(files, dir + "/" + fluxDir + "/kustomization.yaml", header, kustomizeConfig(fluxResources));
            resources.add(fluxDir);
        }
        for (OrganizationPlan op : orgs) {
            String ns = op.namespace();
            resources.add(ns);
            List<String> orgResources = new ArrayList<>();
            put(files, dir + "/" + ns + "/namespace.yaml", header, namespace(ns, op));
            orgResources.add("namespace.yaml");
            Organization.Gitops g = op.organization().gitops();
            boolean helmRepo = g.chartRepository().filter(r -> r.type().equals("helm")).isPresent();
            boolean ociRepo = g.chartRepository().filter(r -> r.type().equals("oci")).isPresent();
            if (helmRepo || ociRepo) {
                List<Map<String, Object>> sources = new ArrayList<>();
                Organization.ChartRepository r = g.chartRepository().get();
                if (helmRepo) {
                    sources.add(map("apiVersion", SOURCE_API, "kind", "HelmRepository",
                            "metadata", meta(op.organization().name() + "-charts", ns, op),
                            "spec", map("url", Redaction.withoutCredentials(r.url()), "interval", r.interval())));
                } else {
                    for (String chart : new TreeSet<>(op.releases().stream().map(ReleasePlan::chart).toList())) {
                        String version = r.version().orElse(chartVersion(op, chart));
                        sources.add(map("apiVersion", SOURCE_API, "kind", "OCIRepository",
                                "metadata", meta(op.organization().name() + "-" + chart, ns, op),
                                "spec", map("url", Redaction.withoutCredentials(trimSlash(r.url())) + "/" + chart, "interval", r.interval(),
                                        "ref", map("tag", version),
                                        "layerSelector", map("mediaType", "application/vnd.cncf.helm.chart.content.v1.tar+gzip",
                                                "operation", "copy"))));
                    }
                }
                putAll(files, dir + "/" + ns + "/charts.yaml", header, sources);
                orgResources.add("charts.yaml");
            }
            if (!op.secrets().isEmpty() && !op.organization().secrets().ageRecipients().isEmpty()) {
                orgResources.add("secrets"); // filled with SOPS-encrypted Secrets by the sealing step
            }
            for (ReleasePlan r : op.releases()) {
                put(files, dir + "/" + ns + "/" + r.name() + ".yaml", header, helmRelease(net, op, r, fluxNs));
                orgResources.add(r.name() + ".yaml");
            }
            put(files, dir + "/" + ns + "/kustomization.yaml", header, kustomizeConfig(orgResources));
        }
        put(files, dir + "/kustomization.yaml", header, kustomizeConfig(resources));
    }

    private static String chartVersion(OrganizationPlan op, String chart) {
        return op.releases().stream().filter(r -> r.chart().equals(chart)).map(ReleasePlan::chartVersion).findFirst().orElse("0.1.0");
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    static Map<String, Object> meta(String name, String namespace, OrganizationPlan op) {
        return map("name", name, "namespace", namespace,
                "labels", map("app.kubernetes.io/managed-by", "orca", "orca.dev/organization", op.organization().name()));
    }

    private static Map<String, Object> namespace(String ns, OrganizationPlan op) {
        return map("apiVersion", "v1", "kind", "Namespace",
                "metadata", map("name", ns, "labels", map("app.kubernetes.io/managed-by", "orca",
                        "orca.dev/organization", op.organization().name())));
    }

    /** Whether source-controller can clone this URL (its CRD accepts http, https and ssh URLs). */
    public static boolean fluxReachable(Organization.Gitops g) {
        String u = io.orca.model.GitUrls.toFluxUrl(g.url()).toLowerCase(java.util.Locale.ROOT);
        return u.startsWith("http://") || u.startsWith("https://") || u.startsWith("ssh://");
    }

    private static Map<String, Object> syncGitRepository(Network net, Organization.Gitops g, String fluxNs) {
        boolean needsSecret = g.password().isPresent() || g.privateKey().isPresent();
        return map("apiVersion", SOURCE_API, "kind", "GitRepository",
                "metadata", map("name", fluxNs, "namespace", fluxNs),
                // Credentials in the URL never reach Git: Flux logs in with the secretRef's Secret.
                "spec", map("interval", net.flux().interval(), "url", Redaction.withoutCredentials(io.orca.model.GitUrls.toFluxUrl(g.url())),
                        "ref", map("branch", g.branch()),
                        "secretRef", needsSecret ? map("name", fluxNs) : null));
    }

    private static Map<String, Object> syncKustomization(Network net, String dir, String fluxNs, boolean sops) {
        return map("apiVersion", KUSTOMIZE_API, "kind", "Kustomization",
                "metadata", map("name", fluxNs, "namespace", fluxNs),
                "spec", map("interval", net.flux().interval(), "path", "./" + dir, "prune", true, "wait", true,
                        "timeout", net.flux().timeout(),
                        "sourceRef", map("kind", "GitRepository", "name", fluxNs),
                        "decryption", sops ? map("provider", "sops", "secretRef", map("name", SOPS_KEY_SECRET)) : null));
    }

    private static Map<String, Object> provider(Network.Notifications n, String fluxNs) {
        return map("apiVersion", NOTIFICATION_API, "kind", "Provider",
                "metadata", map("name", "orca", "namespace", fluxNs),
                "spec", map("type", n.providerType(), "channel", n.channel().orElse(null),
                        "address", n.address().map(Redaction::withoutCredentials).orElse(null),
                        "secretRef", n.secretRef().map(s -> map("name", s)).orElse(null)));
    }

    /**
     * One HelmRelease source per organization namespace: notification-controller matches a source's namespace
     * literally (a "*" namespace never matches any event), and an empty one means the Alert's own namespace.
     */
    private static Map<String, Object> alert(Network.Notifications n, String fluxNs, List<String> orgNamespaces) {
        List<Object> sources = new ArrayList<>();
        for (String ns : new TreeSet<>(orgNamespaces)) sources.add(map("kind", "HelmRelease", "name", "*", "namespace", ns));
        sources.add(map("kind", "Kustomization", "name", fluxNs));
        sources.add(map("kind", "GitRepository", "name", fluxNs));
        return map("apiVersion", NOTIFICATION_API, "kind", "Alert",
                "metadata", map("name", "orca", "namespace", fluxNs),
                "spec", map("providerRef", map("name", "orca"), "eventSeverity", n.eventSeverity(),
                        "eventSources", sources));
    }

    private static Map<String, Object> helmRelease(Network net, OrganizationPlan op, ReleasePlan r, String fluxNs) {
        Organization.Gitops g = op.organization().gitops();
        int retries = Math.max(1, net.env().retryCount());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("releaseName", r.name());
        spec.put("interval", net.flux().interval());
        spec.put("timeout", net.flux().timeout());
        String type = g.chartRepository().map(Organization.ChartRepository::type).orElse("git");
        switch (type) {
            case "oci" -> spec.put("chartRef", map("kind", "OCIRepository", "name", op.organization().name() + "-" + r.chart()));
            case "helm" -> spec.put("chart", map("spec", map("chart", r.chart(),
                    "version", g.chartRepository().get().version().orElse(r.chartVersion()),
                    "sourceRef", map("kind", "HelmRepository", "name", op.organization().name() + "-charts"),
                    "interval", net.flux().interval())));
            default -> spec.put("chart", map("spec", map("chart", "./" + g.chartSource() + "/" + r.chart(),
                    "sourceRef", map("kind", "GitRepository", "name", fluxNs, "namespace", fluxNs),
                    "reconcileStrategy", "Revision", "interval", net.flux().interval())));
        }
        if (!r.dependsOn().isEmpty()) {
            List<Object> deps = new ArrayList<>();
            for (String d : r.dependsOn()) deps.add(map("name", d));
            spec.put("dependsOn", deps);
        }
        spec.put("install", map("remediation", map("retries", retries)));
        spec.put("upgrade", map("cleanupOnFail", true,
                "remediation", map("retries", retries, "remediateLastFailure", true, "strategy", "rollback")));
        spec.put("rollback", map("cleanupOnFail", true));
        spec.put("driftDetection", map("mode", net.flux().driftDetection()));
        spec.put("values", r.values());
        return map("apiVersion", HELM_RELEASE_API, "kind", "HelmRelease", "metadata", meta(r.name(), op.namespace(), op),
                "spec", spec);
    }

    private static Map<String, Object> kustomizeConfig(List<String> resources) {
        return map("apiVersion", KUSTOMIZE_CONFIG_API, "kind", "Kustomization", "resources", new ArrayList<>(resources));
    }

    @SafeVarargs
    private static void put(SortedMap<String, String> files, String path, String header, Map<String, Object>... docs) {
        putAll(files, path, header, List.of(docs));
    }

    private static void putAll(SortedMap<String, String> files, String path, String header, List<Map<String, Object>> docs) {
        StringBuilder b = new StringBuilder(4096).append(header);
        for (Map<String, Object> doc : docs) Manifests.yaml(doc, b.append("---\n"));
        files.put(path, b.toString());
    }
}
