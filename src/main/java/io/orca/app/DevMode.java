package io.orca.app;

import io.orca.apply.ClusterSecrets;
import io.orca.apply.OrganizationUnit;
import io.orca.apply.ReleaseUnit;
import io.orca.helm.ReleaseRef;
import io.orca.kube.KubeException;
import io.orca.kube.KubeTarget;
import io.orca.kube.Kubernetes;
import io.orca.model.Names;
import io.orca.model.Network;
import io.orca.model.Organization;
import io.orca.plan.DeploymentPlan;
import io.orca.plan.MaterialSource;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.ReleasePlan;
import io.orca.plan.SecretPlan;
import io.orca.render.Manifests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Dev mode's view of a plan: which cluster each organization goes to, the units {@link io.orca.apply} installs, and
 * the key material already in the clusters (so that another machine keeps the node identities). Shared by apply,
 * status and destroy.
 */
public final class DevMode {
    private DevMode() {
    }

    /**
     * Which organizations a run touches and where: {@code organizations} empty means all; {@code kubeconfig} and
     * {@code context} (either may be null) override network.yaml's {@code k8s.config_file} and {@code k8s.context}.
     */
    public record Selection(Set<String> organizations, Path kubeconfig, String context) {
        public static final Selection ALL = new Selection(Set.of(), null, null);

        public Selection {
            organizations = Set.copyOf(organizations);
        }

        boolean includes(String organization) {
            return organizations.isEmpty() || organizations.contains(organization);
        }

        /** The organizations named but not in the network (a usage error), in the order given. */
        public List<String> unknown(Network network) {
            Set<String> names = new LinkedHashSet<>();
            network.organizations().forEach(o -> names.add(o.name()));
            return organizations.stream().filter(o -> !names.contains(o)).sorted().toList();
        }

        /** An organization's cluster; the overrides apply to the selected organizations only. */
        public KubeTarget target(Organization o) {
            boolean override = includes(o.name());
            Path file = override && kubeconfig != null ? kubeconfig : configFile(o.k8s().configFile());
            String ctx = override && context != null ? context : o.k8s().context();
            return new KubeTarget(file, ctx == null || ctx.isBlank() ? null : ctx);
        }
    }

    /** network.yaml's {@code k8s.config_file}: {@code ~} is the home folder; empty is Kubernetes' default. */
    static Path configFile(String configured) {
        if (configured == null || configured.isBlank()) return null;
        if (configured.equals("~")) return Path.of(System.getProperty("user.home"));
        if (configured.startsWith("~/")) return Path.of(System.getProperty("user.home")).resolve(configured.substring(2));
        return Path.of(configured).toAbsolutePath();
    }

    /** The network's identity in a cluster ({@code <platform>-<env.type>}), as the inventory records it. */
    public static String networkId(Network n) {
        return n.platform() + "-" + n.env().type();
    }

    /** The units of the selected organizations, in network.yaml order. */
    public static List<OrganizationUnit> units(DeploymentPlan plan, Selection selection, Path charts) throws IOException {
        String network = networkId(plan.network());
        Map<Path, String> digests = new ConcurrentHashMap<>();
        List<OrganizationUnit> out = new ArrayList<>();
        for (OrganizationPlan op : plan.organizations()) {
            Organization o = op.organization();
            if (!selection.includes(o.name())) continue;
            KubeTarget target = selection.target(o);
            List<ReleaseUnit> releases = new ArrayList<>();
            for (ReleasePlan r : op.releases()) {
                Path dir = charts.resolve(r.chart());
                String digest = digests.get(dir);
                if (digest == null) digests.put(dir, digest = digest(dir));
                releases.add(new ReleaseUnit(o.name(), target, new ReleaseRef(r.name(), op.namespace()), r.chart(),
                        r.chartVersion(), dir, digest, Manifests.yaml(r.values()), r.dependsOn()));
            }
            List<Map<String, Object>> secrets = new ArrayList<>();
            for (SecretPlan s : op.secrets()) secrets.add(ClusterSecrets.object(op.namespace(), o.name(), s));
            out.add(new OrganizationUnit(o.name(), network, op.namespace(), target, secrets, releases));
        }
        return out;
    }

    /** A short digest of a chart folder's files (paths and bytes, in path order). */
    static String digest(Path chart) throws IOException {
        try (Stream<Path> s = Files.walk(chart)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                md.update(chart.relativize(p).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Files.readAllBytes(p));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The generated material Orca keeps in each organization's cluster (labelled Secrets in its namespace), read once
     * per organization on first use — every organization's, selected or not, since one organization's public keys
     * are in another's releases (the validators in the genesis). A cluster that cannot be read refuses the run:
     * generating new keys for it would change the node identities.
     */
    public static MaterialSource clusterMaterial(Network network, Selection selection, Function<KubeTarget, Kubernetes> clusters) {
        Map<String, Map<String, SecretPlan>> cache = new ConcurrentHashMap<>();
        return (org, name) -> {
            Optional<Organization> o = network.organizations().stream().filter(x -> x.name().equals(org)).findFirst();
            if (o.isEmpty()) return Optional.empty();
            Map<String, SecretPlan> found = cache.computeIfAbsent(org, k -> {
                KubeTarget target = selection.target(o.get());
                try (Kubernetes kube = clusters.apply(target)) {
                    return ClusterSecrets.readAll(kube, Names.namespace(network.platform(), org));
                } catch (KubeException e) {
                    throw new RefusedException("organization '" + org + "': cannot read its key material from " + target
                            + ": " + e.getMessage());
                }
            });
            return Optional.ofNullable(found.get(name));
        };
    }

    /** A plan for status and destroy: diagnostics, a refusal (usage: an unknown --org), or the units. */
    public record Planned(PlanningService.Planned planned, String refusal, boolean usage, List<OrganizationUnit> units) {
    }

    /**
     * Plans without reading or keeping any material (release names and order do not depend on keys) and without
     * failing on an unresolvable credential: for commands that only read or remove what is in the clusters.
     */
    static Planned planForReading(String name, byte[] bytes, Selection selection, Path charts) {
        PlanningService.Planned planned;
        try {
            planned = PlanningService.plan(name, bytes, PlanningService.Request.preview(MaterialSource.NONE));
        } catch (RefusedException e) {
            return new Planned(null, e.getMessage(), false, null);
        }
        if (!planned.ok()) return new Planned(planned, null, false, null);
        List<String> unknown = selection.unknown(planned.network());
        if (!unknown.isEmpty()) return new Planned(planned, "no organization " + String.join(", ", unknown) + " in " + name, true, null);
        try {
            return new Planned(planned, null, false, units(planned.plan(), selection, StatusService.charts(charts)));
        } catch (IOException e) {
            return new Planned(planned, "cannot read Orca's charts: " + e.getMessage(), false, null);
        }
    }
}
