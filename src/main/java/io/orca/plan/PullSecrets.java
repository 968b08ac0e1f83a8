package io.orca.plan;

import io.orca.model.Platforms;
import io.orca.model.Secret;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registry pull secret: when network.docker has a username and password, each organization gets a
 * {@code kubernetes.io/dockerconfigjson} Secret {@code <organization>-regcred}, named in the {@code imagePullSecrets}
 * (a list of Secret names, as the charts' values.schema.json says)
 * of the releases whose component the platform lists under {@code pull_secrets}. Pure; the password arrives resolved.
 */
public final class PullSecrets {
    public static final String SUFFIX = "-regcred";

    private PullSecrets() {
    }

    /** Registry credentials, resolved from network.docker. */
    public record Login(String registry, String username, Secret password) {
    }

    public static String secretName(String organization) {
        return organization + SUFFIX;
    }

    public static DeploymentPlan add(DeploymentPlan plan, Login login) {
        List<String> components = Platforms.pullSecretComponents(plan.network().platform());
        String host = login.registry().split("/")[0];
        String auth = Base64.getEncoder().encodeToString((login.username() + ":" + login.password().reveal())
                .getBytes(StandardCharsets.UTF_8));
        String json = "{\"auths\":{\"" + escape(host) + "\":{\"username\":\"" + escape(login.username()) + "\",\"password\":\""
                + escape(login.password().reveal()) + "\",\"auth\":\"" + auth + "\"}}}";
        List<OrganizationPlan> orgs = new ArrayList<>();
        for (OrganizationPlan op : plan.organizations()) {
            String name = secretName(op.organization().name());
            List<SecretPlan> secrets = new ArrayList<>(op.secrets());
            secrets.add(new SecretPlan(name, "kubernetes.io/dockerconfigjson",
                    new TreeMap<>(Map.of(".dockerconfigjson", Secret.of(json))), new TreeMap<>(), false));
            List<ReleasePlan> releases = new ArrayList<>();
            for (ReleasePlan r : op.releases()) {
                if (!components.contains(r.component())) {
                    releases.add(r);
                    continue;
                }
                Map<String, Object> values = new LinkedHashMap<>(r.values());
                values.put("imagePullSecrets", List.of(name)); // the charts' contract: names of existing Secrets
                releases.add(new ReleasePlan(r.name(), r.component(), r.chart(), r.chartVersion(), values, r.dependsOn()));
            }
            orgs.add(new OrganizationPlan(op.organization(), op.namespace(), releases, secrets));
        }
        return plan.withOrganizations(orgs);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
