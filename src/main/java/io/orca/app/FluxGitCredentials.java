package io.orca.app;

import io.orca.model.Organization;
import io.orca.model.Secret;
import io.orca.plan.DeploymentPlan;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.SecretPlan;
import io.orca.render.FluxRenderer;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The GitOps output's own Secret: the Git credentials Flux's sync GitRepository clones with (https user and password,
 * or ssh identity and known_hosts), one per repository ({@link FluxRenderer#repoKey}), resolved from network.yaml's
 * references. Only for organizations with age recipients: it reaches Git SOPS-encrypted or not at all.
 */
final class FluxGitCredentials {
    private FluxGitCredentials() {
    }

    /**
     * The Secret Flux's sync GitRepository of an organization clones with (named as the Flux namespace, its secretRef),
     * or empty when its repository needs none. Throws {@link CredentialResolver.UnresolvedCredentialException}.
     */
    static java.util.Optional<SecretPlan> credentials(Organization o, String fluxNamespace, CredentialResolver resolver,
                                                      List<String> warnings) {
        Organization.Gitops g = o.gitops();
        if (!FluxRenderer.fluxReachable(g) || (g.password().isEmpty() && g.privateKey().isEmpty())) return java.util.Optional.empty();
        String where = "organization '" + o.name() + "' gitops";
        TreeMap<String, Secret> data = new TreeMap<>();
        if (g.protocol().equals("ssh")) {
            data.put("identity", Secret.of(CredentialResolver.readCredentialFile(
                    resolver.resolvePath(g.privateKey().orElseThrow(), where + ".private_key"), where + ".private_key")));
            if (g.knownHosts().isPresent()) {
                data.put("known_hosts", Secret.of(g.knownHosts().get()));
            } else {
                warnings.add(where + " has no known_hosts: Flux needs the host key to clone over ssh (gitops.known_hosts)");
            }
        } else {
            data.put("username", Secret.of(g.username().orElse("git")));
            data.put("password", resolver.resolve(g.password().orElseThrow(), where + ".password"));
        }
        return java.util.Optional.of(new SecretPlan(fluxNamespace, SecretPlan.OPAQUE, data, new TreeMap<>(), false));
    }

    static Map<String, SecretPlan> of(DeploymentPlan plan, CredentialResolver resolver, boolean strict, List<String> warnings) {
        Map<String, SecretPlan> out = new TreeMap<>();
        for (OrganizationPlan op : plan.organizations()) {
            Organization.Gitops g = op.organization().gitops();
            String key = FluxRenderer.repoKey(g);
            if (out.containsKey(key) || op.organization().secrets().ageRecipients().isEmpty()) continue;
            if (!FluxRenderer.fluxReachable(g) || (g.password().isEmpty() && g.privateKey().isEmpty())) continue;
            try {
                credentials(op.organization(), plan.network().flux().namespace(), resolver, warnings).ifPresent(s -> out.put(key, s));
            } catch (CredentialResolver.UnresolvedCredentialException e) {
                String message = "cannot write Flux's Git credentials: " + e.getMessage();
                if (strict) throw new RefusedException(message);
                warnings.add(message);
            }
        }
        return out;
    }
}
