package io.orca.app;

import io.orca.apply.Cancellation;
import io.orca.kube.FakeKubernetes;
import io.orca.kube.KubeTarget;
import io.orca.kube.ObjectRef;
import io.orca.render.FluxInstall;
import io.orca.render.FluxReceiver;
import io.orca.secrets.AgeKeyPair;
import io.orca.secrets.LocalAgeKeys;
import io.orca.testing.Project;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code orca bootstrap}'s logic on the strict fake Kubernetes (the cluster test runs it on real API servers). */
class BootstrapServiceTest {
    @TempDir
    Path tmp;
    private final Map<KubeTarget, FakeKubernetes> clusters = new HashMap<>();
    private AgeKeyPair alphaKey;
    private AgeKeyPair betaKey;
    private String yaml;

    private FakeKubernetes cluster(KubeTarget t) {
        return clusters.computeIfAbsent(t, k -> {
            FakeKubernetes f = new FakeKubernetes(k);
            for (String kind : List.of("apiextensions.k8s.io/v1/CustomResourceDefinition", "v1/ServiceAccount", "v1/Service",
                    "v1/ResourceQuota", "rbac.authorization.k8s.io/v1/ClusterRole", "rbac.authorization.k8s.io/v1/ClusterRoleBinding",
                    "networking.k8s.io/v1/NetworkPolicy", "source.toolkit.fluxcd.io/v1/GitRepository",
                    "kustomize.toolkit.fluxcd.io/v1/Kustomization", "notification.toolkit.fluxcd.io/v1/Receiver")) {
                int slash = kind.lastIndexOf('/');
                f.serve(kind.substring(0, slash), kind.substring(slash + 1));
            }
            return f;
        });
    }

    @BeforeEach
    void network() throws Exception {
        alphaKey = LocalAgeKeys.loadOrCreate(tmp.resolve("orca"), "alpha").keyPair();
        betaKey = LocalAgeKeys.loadOrCreate(tmp.resolve("orca"), "beta").keyPair();
        yaml = Files.readString(Project.dir().resolve("examples/besu-two-orgs.yaml"))
                .replace("      external_url_suffix: alpha.example.test\n", """
                              external_url_suffix: alpha.example.test
                              secrets:
                                age_recipients: ["%s"]
                              gitops:
                                git_url: https://git.example.test/alpha.git
                                username: bot
                                password: ${env:ALPHA_TOKEN}
                                release_dir: clusters/dev
                        """.formatted(alphaKey.recipient()))
                .replace("      external_url_suffix: beta.example.test\n", """
                              external_url_suffix: beta.example.test
                              secrets:
                                age_recipients: ["%s"]
                              gitops:
                                git_url: https://git.example.test/beta.git
                                username: bot
                                password: ${env:BETA_TOKEN}
                                release_dir: clusters/dev
                        """.formatted(betaKey.recipient()));
    }

    private BootstrapService.Result run(boolean dryRun, boolean force, String... orgs) throws Exception {
        BootstrapService.Request r = new BootstrapService.Request("network.yaml", yaml.getBytes(StandardCharsets.UTF_8),
                new DevMode.Selection(Set.of(orgs), null, null), tmp.resolve("orca"), tmp.resolve("state"), dryRun, force,
                Duration.ofMillis(10), new CredentialResolver(Map.of("ALPHA_TOKEN", "s3cr3t-token", "BETA_TOKEN", "other")::get));
        BootstrapService.Result result = BootstrapService.bootstrap(r, this::cluster, new Cancellation());
        assertNull(result.refusal(), result.refusal());
        assertNotNull(result.organizations(), () -> String.valueOf(result.planned().diagnostics()));
        return result;
    }

    private static FakeKubernetes markReady(FakeKubernetes f) {
        for (String c : FluxInstall.CONTROLLERS) {
            ObjectRef ref = new ObjectRef("apps/v1", "Deployment", "flux-dev", c);
            if (f.stored().contains(ref)) {
                f.setStatus(ref, Map.of("observedGeneration", 1, "replicas", 1, "updatedReplicas", 1, "availableReplicas", 1, "readyReplicas", 1));
            }
        }
        return f;
    }

    @Test
    void installsFluxTheSecretsTheSyncObjectsAndTheReceiverThenChangesNothing() throws Exception {
        BootstrapService.Result first = run(false, false);
        // The fake reconciles nothing: the controllers are not Ready, which the run reports as a failure to wait for.
        assertTrue(first.organizations().stream().allMatch(o -> o.failure() != null && o.failure().contains("not Ready")),
                first.organizations().toString());
        clusters.values().forEach(BootstrapServiceTest::markReady);
        BootstrapService.Result second = run(false, false);
        assertEquals(0, second.exitCode(), second.organizations().toString());
        for (BootstrapService.OrgResult o : second.organizations()) {
            assertFalse(o.changed(), "a second run changes nothing: " + o.changes());
            assertEquals(0, o.count(BootstrapService.Action.KEPT));
        }
        FakeKubernetes alpha = clusters.get(new KubeTarget(Path.of(System.getProperty("user.home"), ".kube/config"), "kind-alpha"));
        assertNotNull(alpha, clusters.keySet().toString());
        Set<ObjectRef> stored = alpha.stored();
        for (String c : FluxInstall.CONTROLLERS) {
            assertTrue(stored.contains(new ObjectRef("apps/v1", "Deployment", "flux-dev", c)), c);
            assertTrue(stored.contains(new ObjectRef("v1", "ServiceAccount", "flux-dev", c)), c);
        }
        assertTrue(stored.contains(new ObjectRef("apiextensions.k8s.io/v1", "CustomResourceDefinition", null,
                "imageupdateautomations.image.toolkit.fluxcd.io")));
        assertTrue(stored.contains(new ObjectRef("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null, "cluster-reconciler-flux-dev")));
        Map<String, Object> git = alpha.get(ObjectRef.secret("flux-dev", "flux-dev")).orElseThrow();
        assertEquals("s3cr3t-token", decode(git, "password"));
        assertEquals("bot", decode(git, "username"));
        Map<String, Object> sops = alpha.get(ObjectRef.secret("flux-dev", "sops-age")).orElseThrow();
        assertEquals(alphaKey.identity().reveal(), decode(sops, "age.agekey").strip());
        Map<String, Object> repo = alpha.get(new ObjectRef("source.toolkit.fluxcd.io/v1", "GitRepository", "flux-dev", "flux-dev")).orElseThrow();
        assertEquals("https://git.example.test/alpha.git", ((Map<?, ?>) repo.get("spec")).get("url"));
        Map<String, Object> ks = alpha.get(new ObjectRef("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "flux-dev", "flux-dev")).orElseThrow();
        assertEquals("./clusters/dev", ((Map<?, ?>) ks.get("spec")).get("path"));
        assertNotNull(((Map<?, ?>) ks.get("spec")).get("decryption"));
        Map<String, Object> receiver = alpha.get(new ObjectRef(FluxReceiver.API, "Receiver", "flux-dev", FluxReceiver.NAME)).orElseThrow();
        assertEquals("generic", ((Map<?, ?>) receiver.get("spec")).get("type"));
        String token = decode(alpha.get(ObjectRef.secret("flux-dev", FluxReceiver.TOKEN_SECRET)).orElseThrow(), "token");
        assertEquals(token, BootstrapService.keptReceiverToken(tmp.resolve("state"), "alpha").orElseThrow(),
                "the token is kept on this machine for publish");
        assertEquals(64, token.length());
        FakeKubernetes beta = clusters.get(new KubeTarget(Path.of(System.getProperty("user.home"), ".kube/config"), "kind-beta"));
        assertEquals("other", decode(beta.get(ObjectRef.secret("flux-dev", "flux-dev")).orElseThrow(), "password"));
        assertEquals(betaKey.identity().reveal(), decode(beta.get(ObjectRef.secret("flux-dev", "sops-age")).orElseThrow(), "age.agekey").strip());
    }

    @Test
    void dryRunWritesNothingAndShowsSecretsRedacted() throws Exception {
        BootstrapService.Result r = run(true, false, "alpha");
        assertEquals(0, r.exitCode(), r.organizations().toString());
        FakeKubernetes alpha = clusters.values().iterator().next();
        assertTrue(alpha.calls().stream().noneMatch(c -> c.startsWith("apply")), alpha.calls().toString());
        assertTrue(alpha.stored().isEmpty());
        assertFalse(Files.exists(tmp.resolve("state")), "no token kept on a dry run");
        BootstrapService.OrgResult o = r.organizations().get(0);
        assertTrue(o.changed());
        assertEquals(0, o.count(BootstrapService.Action.UNCHANGED));
        String shown = String.join("", o.shown());
        assertFalse(shown.contains("s3cr3t-token"), shown);
        assertFalse(shown.contains(Base64.getEncoder().encodeToString("s3cr3t-token".getBytes(StandardCharsets.UTF_8))), shown);
        assertFalse(shown.contains("AGE-SECRET-KEY"), shown);
        assertTrue(shown.contains("password: <redacted>"), shown);
        assertTrue(shown.contains("kind: GitRepository"), shown);
    }

    @Test
    void refusesAnotherFluxVersionWithoutForceAndNeverTouchesWhatIsNotOrcas() throws Exception {
        FakeKubernetes alpha = cluster(new KubeTarget(Path.of(System.getProperty("user.home"), ".kube/config"), "kind-alpha"));
        Map<String, Object> old = new LinkedHashMap<>(Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", new LinkedHashMap<>(Map.of("name", "source-controller", "namespace", "flux-dev",
                        "labels", Map.of("app.kubernetes.io/part-of", "flux", "app.kubernetes.io/version", "v2.3.0"))),
                "spec", Map.of("replicas", 1)));
        alpha.apply(old);
        Map<String, Object> handMade = new LinkedHashMap<>(Map.of("apiVersion", "v1", "kind", "Secret",
                "metadata", new LinkedHashMap<>(Map.of("name", "sops-age", "namespace", "flux-dev")),
                "data", Map.of("age.agekey", "aGFuZA==")));
        alpha.apply(handMade);
        int before = alpha.calls().size();

        BootstrapService.Result refused = run(false, false, "alpha");
        assertEquals(1, refused.exitCode());
        BootstrapService.OrgResult o = refused.organizations().get(0);
        assertTrue(o.failure().contains("different Flux version") && o.failure().contains("v2.3.0"), o.failure());
        assertTrue(o.hint().contains("--force"), o.hint());
        assertTrue(alpha.calls().subList(before, alpha.calls().size()).stream().noneMatch(c -> c.startsWith("apply")),
                "nothing written on a refusal");

        BootstrapService.Result forced = run(false, true, "alpha");
        Map<String, Object> replaced = alpha.get(new ObjectRef("apps/v1", "Deployment", "flux-dev", "source-controller")).orElseThrow();
        assertEquals(FluxInstall.VERSION, io.orca.app.ClusterBootstrap.label(replaced, FluxInstall.VERSION_LABEL));
        assertEquals("aGFuZA==", ((Map<?, ?>) alpha.get(ObjectRef.secret("flux-dev", "sops-age")).orElseThrow().get("data")).get("age.agekey"),
                "a Secret Orca does not own is left as it is, even with --force");
        assertTrue(forced.organizations().get(0).changes().stream()
                .anyMatch(c -> c.object().equals("Secret flux-dev/sops-age") && c.action() == BootstrapService.Action.KEPT));
    }

    @Test
    void anOrganizationWithRecipientsButNoKeyAnywhereFailsWithAHint() throws Exception {
        Files.delete(LocalAgeKeys.pathFor(tmp.resolve("orca"), "beta"));
        BootstrapService.Result r = run(false, false, "beta");
        BootstrapService.OrgResult o = r.organizations().get(0);
        assertTrue(o.failure() != null && o.failure().contains("no age key"), String.valueOf(o.failure()));
        assertTrue(o.hint().contains("orca secrets keygen beta"), o.hint());
        assertEquals(1, r.exitCode());
    }

    @Test
    void theInstallIsMovedToTheFluxNamespaceAndLabelledOrcas() {
        List<Map<String, Object>> objects = FluxInstall.objects("flux-prod");
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> o : objects) {
            ObjectRef ref = ObjectRef.of(o);
            if (!"orca".equals(ClusterBootstrap.label(o, FluxInstall.MANAGED_BY_LABEL))) problems.add(ref + " not labelled Orca's");
            if (!FluxInstall.clusterScoped(ref.kind()) && !"flux-prod".equals(ref.namespace())) problems.add(ref + " elsewhere");
            if (io.orca.render.Manifests.yaml(o).contains("flux-system")) problems.add(ref + " still names flux-system");
        }
        assertEquals(List.of(), problems);
        assertEquals(6, objects.stream().filter(o -> "Deployment".equals(o.get("kind"))).count());
        String all = objects.stream().map(io.orca.render.Manifests::yaml).reduce("", String::concat);
        for (Map.Entry<String, String> c : FluxInstall.VERSIONS.entrySet()) {
            assertTrue(all.contains("image: ghcr.io/fluxcd/" + c.getKey() + ":" + c.getValue()), c.getKey());
        }
        assertEquals(objects, FluxInstall.objects("flux-prod"), "pure");
    }

    private static String decode(Map<String, Object> secret, String key) {
        return new String(Base64.getDecoder().decode(String.valueOf(((Map<?, ?>) secret.get("data")).get(key))), StandardCharsets.UTF_8);
    }
}
