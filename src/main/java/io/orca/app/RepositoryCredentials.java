package io.orca.app;

import io.orca.model.Network;
import io.orca.model.Organization;
import io.orca.model.Secret;
import io.orca.plan.DeploymentPlan;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.ReleasePlan;
import io.orca.plan.SecretPlan;
import io.orca.render.FluxRenderer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Secrets made from credentials a person wrote in network.yaml (resolved from {@code ${env:...}} or
 * {@code ${file:...}}): the Git credentials behind Flux's GitRepository, and the registry pull secret when
 * {@code network.docker} has a username and password. Only for organizations with age recipients: these Secrets
 * reach Git SOPS-encrypted or not at all.
 */
final class RepositoryCredentials {
    static final String REGISTRY_SECRET_SUFFIX = "-regcred";
    private static final List<String> CHARTS_WITH_PULL_SECRETS = List.of("besu-node", "tessera");

    private RepositoryCredentials() {
    }

    static DeploymentPlan add(DeploymentPlan plan, CredentialResolver resolver, boolean publishing, List<String> warnings) {
        Network net = plan.network();
        Map<String, SecretPlan> repositorySecrets = new TreeMap<>(plan.repositorySecrets());
        for (OrganizationPlan op : plan.organizations()) {
            Organization.Gitops g = op.organization().gitops();
            String key = FluxRenderer.repoKey(g);
            if (repositorySecrets.containsKey(key) || op.organization().secrets().ageRecipients().isEmpty()) continue;
            if (!FluxRenderer.fluxReachable(g) || (g.password().isEmpty() && g.privateKey().isEmpty())) continue;
            String where = "organization '" + op.organization().name() + "' gitops";
            try {
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
                repositorySecrets.put(key, new SecretPlan(net.flux().namespace(), SecretPlan.OPAQUE, data, new TreeMap<>(), false));
            } catch (CredentialResolver.UnresolvedCredentialException e) {
                String message = "cannot write Flux's Git credentials: " + e.getMessage();
                if (publishing) throw new GenerateService.RefusedException(message);
                warnings.add(message);
            }
        }
        List<OrganizationPlan> orgs = new ArrayList<>();
        boolean registry = net.docker().username().isPresent() && net.docker().password().isPresent();
        for (OrganizationPlan op : plan.organizations()) {
            if (!registry || op.organization().secrets().ageRecipients().isEmpty()) {
                orgs.add(op);
                continue;
            }
            String name = op.organization().name() + REGISTRY_SECRET_SUFFIX;
            Secret password;
            try {
                password = resolver.resolve(net.docker().password().get(), "network.docker.password");
            } catch (CredentialResolver.UnresolvedCredentialException e) {
                if (publishing) throw new GenerateService.RefusedException(e.getMessage());
                warnings.add("no registry pull secret: " + e.getMessage());
                orgs.add(op);
                continue;
            }
            String host = net.docker().url().split("/")[0];
            String user = net.docker().username().get();
            String auth = Base64.getEncoder().encodeToString((user + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8));
            String json = "{\"auths\":{\"" + host + "\":{\"username\":\"" + escape(user) + "\",\"password\":\""
                    + escape(password.reveal()) + "\",\"auth\":\"" + auth + "\"}}}";
            List<SecretPlan> secrets = new ArrayList<>(op.secrets());
            secrets.add(new SecretPlan(name, "kubernetes.io/dockerconfigjson",
                    new TreeMap<>(Map.of(".dockerconfigjson", Secret.of(json))), new TreeMap<>(), false));
            List<ReleasePlan> releases = new ArrayList<>();
            for (ReleasePlan r : op.releases()) {
                if (!CHARTS_WITH_PULL_SECRETS.contains(r.chart())) {
                    releases.add(r);
                    continue;
                }
                Map<String, Object> values = new LinkedHashMap<>(r.values());
                values.put("imagePullSecrets", List.of(io.orca.render.Manifests.map("name", name)));
                releases.add(new ReleasePlan(r.name(), r.component(), r.chart(), r.chartVersion(), values, r.dependsOn()));
            }
            orgs.add(new OrganizationPlan(op.organization(), op.namespace(), releases, secrets));
        }
        return new DeploymentPlan(net, orgs, repositorySecrets);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
