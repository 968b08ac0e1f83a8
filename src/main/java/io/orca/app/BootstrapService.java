package io.orca.app;

import io.orca.apply.Cancellation;
import io.orca.kube.KubeException;
import io.orca.kube.KubeTarget;
import io.orca.kube.Kubernetes;
import io.orca.kube.ObjectRef;
import io.orca.model.Network;
import io.orca.model.Organization;
import io.orca.model.Secret;
import io.orca.plan.MaterialSource;
import io.orca.plan.NewMaterial;
import io.orca.plan.SecretPlan;
import io.orca.render.FluxInstall;
import io.orca.render.FluxReceiver;
import io.orca.render.FluxRenderer;
import io.orca.render.Manifests;
import io.orca.render.RepositoryTree;
import io.orca.secrets.AgeKeyPair;
import io.orca.secrets.FluxDecryption;
import io.orca.secrets.LocalAgeKeys;
import io.orca.secrets.SecretsException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code orca bootstrap}: tells each organization's cluster about its GitOps repository, as Bevel's
 * {@code flux bootstrap} does — Flux's controllers at the pinned version ({@link FluxInstall}) in
 * {@code network.flux.namespace}, the Git credentials Secret and the {@code sops-age} Secret, the sync GitRepository
 * and Kustomization exactly as {@code flux-<env>/gotk-sync.yaml} has them ({@link FluxRenderer}), and a webhook
 * {@link FluxReceiver} whose token Orca keeps with the organization's material in the state folder. Decision 0028.
 */
public final class BootstrapService {
    private BootstrapService() {
    }

    public enum Action { CREATE, UPDATE, UNCHANGED, KEPT }

    /** One object and what the run did (or, with --dry-run, would do) to it. */
    public record Change(String object, Action action, String note) {
    }

    /**
     * @param orcaDir  where the organizations' age keys are ({@code <orcaDir>/age/<org>.agekey}, as {@code orca secrets keygen} writes them)
     * @param stateDir where the Receiver's token is kept (with the other private material)
     * @param timeout  how long the controllers may take to become Ready
     */
    public record Request(String name, byte[] bytes, DevMode.Selection selection, Path orcaDir, Path stateDir,
                          boolean dryRun, boolean force, Duration timeout, CredentialResolver credentials) {
    }

    /** One organization's outcome: what changed, or why it failed (with a hint). */
    public record OrgResult(String organization, KubeTarget target, String fluxNamespace, List<Change> changes,
                            List<String> shown, String failure, String hint) {
        public boolean failed() {
            return failure != null;
        }

        public long count(Action a) {
            return changes.stream().filter(c -> c.action() == a).count();
        }

        public boolean changed() {
            return count(Action.CREATE) + count(Action.UPDATE) > 0;
        }
    }

    public record Result(PlanningService.Planned planned, String refusal, boolean usage, List<OrgResult> organizations,
                         List<String> warnings) {
        public int exitCode() {
            if (refusal != null) return usage ? 2 : 1;
            if (organizations == null) return 1;
            return organizations.stream().anyMatch(OrgResult::failed) ? 1 : 0;
        }
    }

    public static Result bootstrap(Request request, Function<KubeTarget, Kubernetes> clusters, Cancellation cancel)
            throws InterruptedException {
        List<String> warnings = new ArrayList<>();
        PlanningService.Planned planned;
        try {
            planned = PlanningService.plan(request.name(), request.bytes(),
                    PlanningService.Request.preview(MaterialSource.NONE).withCredentials(request.credentials(), false));
        } catch (RefusedException e) {
            return new Result(null, e.getMessage(), false, null, warnings);
        }
        if (!planned.ok()) return new Result(planned, null, false, null, warnings);
        List<String> unknown = request.selection().unknown(planned.network());
        if (!unknown.isEmpty()) {
            return new Result(planned, "no organization " + String.join(", ", unknown) + " in " + request.name(), true, null, warnings);
        }
        Network net = planned.network();
        Map<String, SecretPlan> repoSecrets = FluxGitCredentials.of(planned.plan(), request.credentials(), false, new ArrayList<>());
        List<RepositoryTree> trees = FluxRenderer.render(planned.plan(), repoSecrets);
        List<OrgResult> out = new ArrayList<>();
        for (Organization o : net.organizations()) {
            if (!request.selection().organizations().isEmpty() && !request.selection().organizations().contains(o.name())) continue;
            out.add(organization(request, net, o, trees, clusters, cancel, warnings));
        }
        return new Result(planned, null, false, out, warnings);
    }

    private static OrgResult organization(Request request, Network net, Organization o, List<RepositoryTree> trees,
                                          Function<KubeTarget, Kubernetes> clusters, Cancellation cancel, List<String> warnings)
            throws InterruptedException {
        String fluxNs = net.flux().namespace();
        KubeTarget target = request.selection().target(o);
        List<String> shown = new ArrayList<>();
        try (Kubernetes kube = clusters.apply(target)) {
            List<Map<String, Object>> own;
            try {
                own = organizationObjects(request, net, o, trees, clusterToken(kube, fluxNs), shown, warnings);
            } catch (CredentialResolver.UnresolvedCredentialException | SecretsException e) {
                return new OrgResult(o.name(), target, fluxNs, List.of(), shown, e.getMessage(), null);
            } catch (MissingKey e) {
                return new OrgResult(o.name(), target, fluxNs, List.of(), shown, e.getMessage(), e.hint);
            }
            ClusterBootstrap cb = new ClusterBootstrap(kube, request.dryRun(), request.force(), cancel);
            List<Map<String, Object>> install = FluxInstall.objects(fluxNs);
            List<String> others = cb.otherVersions(install);
            if (!others.isEmpty() && !request.force()) {
                return new OrgResult(o.name(), target, fluxNs, List.of(), shown,
                        "a different Flux version is installed on " + target + " (" + String.join(", ", others.subList(0, Math.min(3, others.size())))
                                + (others.size() > 3 ? ", and " + (others.size() - 3) + " more" : "") + "); Orca installs Flux " + FluxInstall.VERSION
                                + " and will not replace it",
                        "upgrade or remove that Flux first, or run 'orca bootstrap --force' to replace it with " + FluxInstall.VERSION);
            }
            cb.apply(install, true);
            String sopsKey = FluxRenderer.SOPS_KEY_SECRET;
            // An age key Secret made by hand before (docs/secrets.md's kubectl line) is kept; without one and without a key
            // file there is nothing Flux could decrypt with.
            if (own.stream().noneMatch(x -> ObjectRef.of(x).name().equals(sopsKey) && ObjectRef.of(x).kind().equals("Secret"))
                    && !o.secrets().ageRecipients().isEmpty()
                    && kube.get(ObjectRef.secret(fluxNs, sopsKey)).isEmpty() && !installOnlyLocal(o)) {
                return new OrgResult(o.name(), target, fluxNs, cb.changes(), shown, "organization '" + o.name()
                        + "' has age recipients but no age key " + LocalAgeKeys.pathFor(request.orcaDir(), o.name())
                        + " and its cluster has no Secret " + fluxNs + "/" + sopsKey + ": Flux could not decrypt its Secrets",
                        "put the organization's key there (orca secrets keygen " + o.name() + " made it), or pass --orca-dir");
            }
            if (!own.isEmpty()) {
                if (!cb.awaitServed(request.timeout()) && !request.dryRun()) {
                    return new OrgResult(o.name(), target, fluxNs, cb.changes(), shown,
                            "Flux's kinds (GitRepository, Kustomization, Receiver) are not served by " + target + " after " + request.timeout(),
                            "check the CustomResourceDefinitions: kubectl get crd | grep fluxcd");
                }
                cb.apply(own, false);
            }
            if (!request.dryRun()) {
                List<String> waiting = cb.awaitControllers(fluxNs, request.timeout());
                boolean oursToWait = cb.changes().stream().anyMatch(c -> c.object().startsWith("Deployment ") && c.action() != Action.KEPT);
                if (!waiting.isEmpty() && oursToWait) {
                    return new OrgResult(o.name(), target, fluxNs, cb.changes(), shown,
                            "Flux's controllers are not Ready after " + request.timeout() + ": " + String.join("; ", waiting),
                            "kubectl -n " + fluxNs + " get pods; then run orca bootstrap again");
                }
            }
            return new OrgResult(o.name(), target, fluxNs, cb.changes(), shown, null, null);
        } catch (KubeException e) {
            return new OrgResult(o.name(), target, fluxNs, List.of(), shown, e.getMessage(), "check the cluster (--kubeconfig, --context, network.yaml's k8s)");
        }
    }

    /** The token of the Receiver Orca made in this cluster before (from another machine, say), if any. */
    private static Optional<String> clusterToken(Kubernetes kube, String fluxNs) {
        return kube.get(ObjectRef.secret(fluxNs, FluxReceiver.TOKEN_SECRET)).filter(ClusterBootstrap::ours)
                .map(s -> s.get("data") instanceof Map<?, ?> d ? d.get("token") : null)
                .map(t -> new String(Base64.getDecoder().decode(String.valueOf(t)), StandardCharsets.UTF_8));
    }

    private static boolean installOnlyLocal(Organization o) {
        return !FluxRenderer.fluxReachable(o.gitops());
    }

    /** Thrown for material bootstrap needs and cannot find on this machine. */
    private static final class MissingKey extends RuntimeException {
        final String hint;

        MissingKey(String message, String hint) {
            super(message, null, false, false);
            this.hint = hint;
        }
    }

    /**
     * The organization's own objects, in apply order: the Git credentials and sops-age Secrets, the sync GitRepository
     * and Kustomization (as gotk-sync.yaml has them), the Receiver's token Secret and the Receiver. {@code shown} gets
     * their YAML with Secret values redacted.
     */
    static List<Map<String, Object>> organizationObjects(Request request, Network net, Organization o, List<RepositoryTree> trees,
                                                         Optional<String> clusterToken, List<String> shown, List<String> warnings) {
        String fluxNs = net.flux().namespace();
        List<Map<String, Object>> out = new ArrayList<>();
        if (!FluxRenderer.fluxReachable(o.gitops())) {
            warnings.add("organization '" + o.name() + "': its repository (" + io.orca.model.Redaction.url(o.gitops().url())
                    + ") is not one Flux can clone (http, https, ssh): installed Flux's controllers only, no sync objects");
            return out;
        }
        FluxGitCredentials.credentials(o, fluxNs, request.credentials(), warnings)
                .ifPresent(s -> out.add(secret(fluxNs, o.name(), s.name(), s.data())));
        Optional<LocalAgeKeys.LocalKey> key = LocalAgeKeys.find(request.orcaDir(), o.name());
        if (key.isPresent()) {
            AgeKeyPair kp = key.get().keyPair();
            if (!o.secrets().ageRecipients().isEmpty() && !o.secrets().ageRecipients().contains(kp.recipient())) {
                throw new MissingKey("organization '" + o.name() + "': the age key " + key.get().file() + " (recipient "
                        + kp.recipient() + ") is not among its age recipients: Flux could not decrypt its Secrets",
                        "use the key whose recipient network.yaml lists, or add " + kp.recipient() + " to its secrets.age_recipients");
            }
            out.add(secret(fluxNs, o.name(), FluxRenderer.SOPS_KEY_SECRET,
                    new TreeMap<>(Map.of(FluxDecryption.KEY_FILE_ENTRY, Secret.of(kp.identity().reveal() + "\n")))));
        }
        String sync = syncFile(net, o, trees);
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(sync)) {
            if (!(doc instanceof Map<?, ?>)) continue;
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) doc;
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) m.get("metadata");
            meta.put("labels", Manifests.map(FluxInstall.MANAGED_BY_LABEL, "orca", "orca.dev/organization", o.name()));
            out.add(m);
        }
        String token = receiverToken(request, o.name(), clusterToken);
        out.add(secret(fluxNs, o.name(), FluxReceiver.TOKEN_SECRET, new TreeMap<>(Map.of("token", Secret.of(token)))));
        out.add(FluxReceiver.receiver(fluxNs, o.name()));
        for (Map<String, Object> x : out) shown.add(redacted(x));
        return out;
    }

    /** flux-&lt;env&gt;/gotk-sync.yaml of the organization's release_dir, as publish commits it. */
    private static String syncFile(Network net, Organization o, List<RepositoryTree> trees) {
        String path = o.gitops().releaseDir() + "/flux-" + net.env().type() + "/gotk-sync.yaml";
        for (RepositoryTree t : trees) {
            if (t.organizations().contains(o.name()) && t.files().containsKey(path)) return t.files().get(path);
        }
        throw new IllegalStateException("no " + path + " rendered for organization " + o.name());
    }

    /**
     * The Receiver's token: the cluster's (Orca made it before), else the one kept in the state folder, else a new one
     * (64 hex characters); kept in the state folder before it reaches a cluster, since publish needs it. Organization
     * material: never in Git, never printed.
     */
    static String receiverToken(Request request, String organization, Optional<String> clusterToken) {
        LocalMaterialStore store = new LocalMaterialStore(request.stateDir());
        Optional<String> kept = store.find(organization, FluxReceiver.TOKEN_SECRET)
                .map(s -> s.data().get("token")).map(Secret::reveal);
        String token;
        if (clusterToken.isPresent()) {
            token = clusterToken.get();
        } else if (kept.isPresent()) {
            return kept.get();
        } else {
            byte[] b = new byte[32];
            new SecureRandom().nextBytes(b);
            token = HexFormat.of().formatHex(b);
        }
        if (!request.dryRun() && !kept.equals(Optional.of(token))) {
            store.save(List.of(new NewMaterial(organization, new SecretPlan(FluxReceiver.TOKEN_SECRET,
                    new TreeMap<>(Map.of("token", Secret.of(token))), new TreeMap<>()))));
        }
        return token;
    }

    /** The Receiver's token kept for an organization on this machine, if bootstrap made one. */
    public static Optional<String> keptReceiverToken(Path stateDir, String organization) {
        return new LocalMaterialStore(stateDir).find(organization, FluxReceiver.TOKEN_SECRET)
                .map(s -> s.data().get("token")).map(Secret::reveal);
    }

    private static Map<String, Object> secret(String ns, String org, String name, Map<String, Secret> data) {
        Map<String, Object> d = new TreeMap<>();
        data.forEach((k, v) -> d.put(k, Base64.getEncoder().encodeToString(v.reveal().getBytes(StandardCharsets.UTF_8))));
        return Manifests.map("apiVersion", "v1", "kind", "Secret",
                "metadata", Manifests.map("name", name, "namespace", ns,
                        "labels", Manifests.map(FluxInstall.MANAGED_BY_LABEL, "orca", "orca.dev/organization", org)),
                "type", "Opaque", "data", d);
    }

    /** An object's YAML with every Secret value replaced by {@code <redacted>}. */
    @SuppressWarnings("unchecked")
    static String redacted(Map<String, Object> o) {
        Map<String, Object> copy = new LinkedHashMap<>(o);
        if ("Secret".equals(o.get("kind"))) {
            for (String field : List.of("data", "stringData")) {
                if (copy.get(field) instanceof Map<?, ?> m) {
                    Map<String, Object> r = new TreeMap<>();
                    ((Map<String, Object>) m).keySet().forEach(k -> r.put(k, "<redacted>"));
                    copy.put(field, r);
                }
            }
        }
        return Manifests.yaml(copy);
    }
}
