package io.orca.app;

import io.orca.model.Secret;
import io.orca.plan.DeploymentPlan;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.SecretPlan;
import io.orca.render.Manifests;
import io.orca.render.RepositoryTree;
import io.orca.secrets.Fingerprint;
import io.orca.secrets.SecretFile;
import io.orca.secrets.SecretMeta;
import io.orca.secrets.SecretsException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts each organization's Secrets into its tree SOPS-encrypted (age), as Flux's kustomize-controller decrypts
 * them: {@code <release_dir>/<namespace>/secrets/<name>.sops.yaml} plus its public side file. An unchanged Secret
 * keeps its existing encrypted bytes (no churn in Git); a Secret whose private half Orca no longer holds keeps
 * its encrypted file as it is. Organizations without recipients get no Secret files (their keys stay local).
 */
public final class SecretSealer {
    public static final String SECRETS_DIR = "secrets";

    private SecretSealer() {
    }

    /** Reads a file of a repository as it is now (the previous generate output, or the remote's head), if any. */
    @FunctionalInterface
    public interface ExistingFiles {
        Optional<byte[]> read(io.orca.model.Organization.Gitops repository, String path);

        ExistingFiles NONE = (t, p) -> Optional.empty();
    }

    public static String secretPath(String releaseDir, String namespace, String name) {
        return releaseDir + "/" + namespace + "/" + SECRETS_DIR + "/" + name + ".sops.yaml";
    }

    public static List<RepositoryTree> seal(DeploymentPlan plan, Map<String, SecretPlan> repositorySecrets,
                                           List<RepositoryTree> trees, ExistingFiles existing) {
        List<RepositoryTree> out = new ArrayList<>();
        for (RepositoryTree tree : trees) {
            SortedMap<String, String> files = new TreeMap<>(tree.files());
            for (OrganizationPlan op : plan.organizations()) {
                if (!tree.organizations().contains(op.organization().name())) continue;
                List<String> recipients = op.organization().secrets().ageRecipients();
                if (recipients.isEmpty() || op.secrets().isEmpty()) continue;
                String dir = op.organization().gitops().releaseDir() + "/" + op.namespace() + "/" + SECRETS_DIR;
                Map<String, String> sealed = new ConcurrentHashMap<>();
                // scrypt fingerprints and encryption are CPU-bound: one Secret per core.
                op.secrets().parallelStream().forEach(s -> sealOne(tree, op,
                        secretPath(op.organization().gitops().releaseDir(), op.namespace(), s.name()), op.namespace(),
                        s, recipients, existing, sealed));
                files.putAll(sealed);
                List<String> resources = op.secrets().stream().map(s -> s.name() + ".sops.yaml").sorted().toList();
                files.put(dir + "/kustomization.yaml", Manifests.header(plan.network().source().name(),
                        plan.network().source().sha256()) + "---\n" + Manifests.yaml(Manifests.map(
                        "apiVersion", "kustomize.config.k8s.io/v1beta1", "kind", "Kustomization", "resources", resources)));
            }
            SecretPlan git = repositorySecrets.get(io.orca.render.FluxRenderer.repoKey(tree.gitops()));
            if (git != null) {
                OrganizationPlan first = plan.organizations().stream()
                        .filter(op -> tree.organizations().contains(op.organization().name())).findFirst().orElseThrow();
                List<String> recipients = first.organization().secrets().ageRecipients();
                String fluxNs = plan.network().flux().namespace();
                Map<String, String> sealed = new ConcurrentHashMap<>();
                for (String dir : tree.ownedDirs()) {
                    sealOne(tree, first, fluxSecretPath(dir, plan.network().env().type(), git.name()), fluxNs, git, recipients,
                            existing, sealed);
                }
                files.putAll(sealed);
            }
            out.add(new RepositoryTree(tree.name(), tree.gitops(), tree.organizations(), tree.ownedDirs(), files, tree.charts()));
        }
        return out;
    }

    /** Where Flux's Git credentials Secret goes: beside the sync objects it serves. */
    public static String fluxSecretPath(String releaseDir, String envType, String name) {
        return releaseDir + "/flux-" + envType + "/" + name + ".sops.yaml";
    }

    private static void sealOne(RepositoryTree tree, OrganizationPlan op, String path, String namespace, SecretPlan s,
                                List<String> recipients, ExistingFiles existing, Map<String, String> out) {
        String metaPath = path + SecretMeta.SUFFIX;
        Optional<byte[]> oldFile = existing.read(tree.gitops(), path);
        Optional<byte[]> oldMeta = existing.read(tree.gitops(), metaPath);
        if (s.data().isEmpty()) {
            // Orca holds only the public half (from the side file): keep what is in Git as it is.
            if (oldFile.isEmpty() || oldMeta.isEmpty()) {
                throw new SecretsException("Secret " + s.name() + " of organization " + op.organization().name()
                        + " has neither its private key in the state folder nor its encrypted file in the repository");
            }
            out.put(path, new String(oldFile.get(), StandardCharsets.UTF_8));
            out.put(metaPath, new String(oldMeta.get(), StandardCharsets.UTF_8));
            return;
        }
        SecretMeta meta = null;
        if (oldMeta.isPresent()) {
            try {
                meta = SecretMeta.parse(new String(oldMeta.get(), StandardCharsets.UTF_8));
            } catch (SecretsException e) {
                meta = null; // unreadable side file: encrypt afresh
            }
        }
        // Key material Orca generated (256 random bits) needs no slow hash; chosen credentials get scrypt's full cost.
        SecretFile.Result r = SecretFile.reuseOrEncrypt(oldFile.orElse(null), meta, manifest(namespace, op, s), recipients,
                s.publicData(), s.generated() ? Fingerprint.GENERATED_MATERIAL_N : Fingerprint.DEFAULT_N);
        out.put(path, r.encryptedText());
        out.put(metaPath, r.meta().toText());
    }

    /** The plaintext Secret manifest; it exists only in memory, on its way to the encryptor. */
    static String manifest(String namespace, OrganizationPlan op, SecretPlan s) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (Map.Entry<String, Secret> e : s.data().entrySet()) data.put(e.getKey(), e.getValue().reveal());
        return Manifests.yaml(Manifests.map("apiVersion", "v1", "kind", "Secret",
                "metadata", Manifests.map("name", s.name(), "namespace", namespace,
                        "labels", Manifests.map("app.kubernetes.io/managed-by", "orca",
                                "orca.dev/organization", op.organization().name())),
                "type", s.type(), "stringData", data));
    }

    /**
     * Private material an earlier run published: the public parts from the side files in the repository, for
     * Secrets whose private half is no longer in the state folder (so the planner keeps the identity).
     */
    public static Optional<SecretPlan> publicOnly(io.orca.model.Organization.Gitops repository, String namespace, String name,
                                                  ExistingFiles existing) {
        String path = secretPath(repository.releaseDir(), namespace, name);
        return existing.read(repository, path + SecretMeta.SUFFIX).flatMap(bytes -> {
            try {
                SecretMeta meta = SecretMeta.parse(new String(bytes, StandardCharsets.UTF_8));
                if (meta.publicParts().isEmpty()) return Optional.empty();
                return Optional.of(new SecretPlan(name, new TreeMap<>(), new TreeMap<>(meta.publicParts())));
            } catch (SecretsException e) {
                return Optional.empty();
            }
        });
    }
}
