package io.orca.app;

import io.orca.model.Network;
import io.orca.model.Organization;
import io.orca.plan.DeploymentPlan;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.SecretPlan;
import io.orca.render.ChartFolders;
import io.orca.render.FluxRenderer;
import io.orca.render.RepositoryTree;
import io.orca.secrets.AgeKeyPair;
import io.orca.secrets.LocalAgeKeys;
import io.orca.secrets.SecretsConfig;
import io.orca.secrets.SecretsPolicy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The GitOps output of a plan: Flux's Git credentials, the SOPS recipients of each organization, the Flux trees
 * ({@link FluxRenderer}), the sealed Secrets ({@link SecretSealer}) and the chart folders ({@link ChartFolders}).
 * Pure but for reading Orca's charts and local age keys (and, when publishing, creating those).
 */
public final class GitOpsOutput {
    private GitOpsOutput() {
    }

    /** What to do for a local repository whose organization names no age recipient. */
    public enum LocalKeys {
        /** Use its local key {@code .orca/age/<org>.agekey}, creating it if missing (publish). */
        CREATE,
        /** Use its local key if it exists; otherwise its Secrets are not written (generate). */
        EXISTING,
        /** Use its local key if it exists, else a throwaway key that lives in memory (diff: shows what publish would add). */
        EPHEMERAL
    }

    /**
     * @param orcaDir    where local age keys live ({@code .orca}); null: no local keys at all
     * @param existing   the repositories' current files: unchanged encrypted Secrets keep their bytes
     * @param publishing the trees go to their repositories: a remote one then requires recipients and credentials
     */
    public record Options(Path orcaDir, LocalKeys localKeys, SecretSealer.ExistingFiles existing, boolean publishing,
                          CredentialResolver credentials) {
        public static Options inMemory() {
            return new Options(null, LocalKeys.EXISTING, SecretSealer.ExistingFiles.NONE, false, CredentialResolver.system());
        }
    }

    /** The sealed trees of every repository. Warnings go to {@code warnings}; a refusal is thrown. */
    public static List<RepositoryTree> render(DeploymentPlan plan, Options options, List<String> warnings) {
        DeploymentPlan withRecipients = withRecipients(plan, options, warnings);
        List<String> keysOnly = new ArrayList<>();
        for (OrganizationPlan op : withRecipients.organizations()) {
            Organization o = op.organization();
            if (op.secrets().isEmpty() || !o.secrets().ageRecipients().isEmpty()) continue;
            if (options.publishing() && !isLocal(o.gitops())) {
                throw new RefusedException("organization '" + o.name() + "' has private keys but no age recipient: refusing to"
                        + " publish its Secrets to " + io.orca.model.Redaction.url(o.gitops().url()) + ". Fix: run 'orca secrets keygen " + o.name()
                        + "', install the key in its cluster, and add the recipient under network.secrets.age_recipients or"
                        + " the organization's secrets.age_recipients");
            }
            keysOnly.add(o.name());
        }
        if (!keysOnly.isEmpty()) {
            warnings.add(keysOnly.size() + " organization(s) have no age recipient, so their Secrets are not written to"
                    + " their repositories (" + String.join(", ", abbreviated(keysOnly)) + "): add"
                    + " network.secrets.age_recipients (see 'orca secrets keygen')");
        }
        Map<String, SecretPlan> repositorySecrets = FluxGitCredentials.of(withRecipients, options.credentials(),
                options.publishing(), warnings);
        List<RepositoryTree> rendered = FluxRenderer.render(withRecipients, repositorySecrets);
        List<RepositoryTree> sealed = SecretSealer.seal(withRecipients, repositorySecrets, rendered, options.existing());
        // The charts the HelmReleases name, from Orca's own (read only when a repository needs one).
        return ChartFolders.attach(withRecipients, sealed, (chart, version) -> BundledCharts.orcas().files(chart, version));
    }

    private static List<String> abbreviated(List<String> names) {
        return names.size() <= 5 ? names : List.of(String.join(", ", names.subList(0, 5)), "and " + (names.size() - 5) + " more");
    }

    /** Whether a repository is on this machine (the embedded default or a file:// / path URL). */
    public static boolean isLocal(Organization.Gitops g) {
        return g.embedded() || g.protocol().equals("file");
    }

    /** Local repositories without recipients get their local age key as recipient (per {@link LocalKeys}). */
    private static DeploymentPlan withRecipients(DeploymentPlan plan, Options options, List<String> warnings) {
        if (options.orcaDir() == null) return plan;
        List<OrganizationPlan> orgs = new ArrayList<>();
        for (OrganizationPlan op : plan.organizations()) {
            Organization o = op.organization();
            if (!o.secrets().ageRecipients().isEmpty() || !isLocal(o.gitops()) || op.secrets().isEmpty()) {
                orgs.add(op);
                continue;
            }
            Optional<String> recipient = localRecipient(o.name(), options, warnings);
            orgs.add(recipient.map(r -> new OrganizationPlan(o.withSecrets(new Network.SecretsConfig("sops", List.of(r))),
                    op.namespace(), op.releases(), op.secrets())).orElse(op));
        }
        return plan.withOrganizations(orgs);
    }

    private static Optional<String> localRecipient(String org, Options options, List<String> warnings) {
        switch (options.localKeys()) {
            case CREATE -> {
                SecretsPolicy.Resolved none = SecretsPolicy.resolve(org, SecretsConfig.NONE, SecretsConfig.NONE);
                SecretsPolicy.Local local = SecretsPolicy.forLocal(none, options.orcaDir());
                local.generatedKey().filter(LocalAgeKeys.LocalKey::created).flatMap(k -> local.warning()).ifPresent(warnings::add);
                return Optional.of(local.recipients().get(0));
            }
            case EXISTING -> {
                return LocalAgeKeys.find(options.orcaDir(), org).map(k -> k.keyPair().recipient());
            }
            default -> {
                return Optional.of(LocalAgeKeys.find(options.orcaDir(), org).map(k -> k.keyPair())
                        .orElseGet(AgeKeyPair::generate).recipient());
            }
        }
    }
}
