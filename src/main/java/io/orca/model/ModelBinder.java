package io.orca.model;

import io.orca.diag.SourceFile;
import io.orca.load.YMap;
import io.orca.load.YNode;
import io.orca.load.YScalar;
import io.orca.load.YSeq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Binds a validated document to the resolved model. Every default Orca applies is here, and only here
 * (documented in docs/network-yaml.md).
 */
public final class ModelBinder {
    public static final String DEFAULT_BRANCH = "main";
    public static final String DEFAULT_CHART_SOURCE = "charts";
    public static final int DEFAULT_RETRIES = 3;
    public static final String DEFAULT_INTERVAL = "1m";
    public static final String DEFAULT_TIMEOUT = "10m";

    private ModelBinder() {
    }

    /** The default release_dir: Bevel's convention of one folder per environment. */
    public static String defaultReleaseDir(String envType) {
        return "releases/" + envType;
    }

    /** The embedded local repository of an organization without a gitops section. */
    public static String embeddedRepository(String organization) {
        return ".orca/git/" + organization + ".git";
    }

    public static Network bind(YMap root, SourceFile source) {
        YMap n = root.map("network").orElseThrow(() -> new IllegalArgumentException("no network section"));
        String platform = text(n, "type").orElse("");
        YMap envMap = n.map("env").orElse(empty());
        String envType = text(envMap, "type").orElse("dev");
        Network.Env env = new Network.Env(envType, text(envMap, "proxy").orElse("none"),
                integer(envMap, "retry_count").map(Math::toIntExact).orElse(DEFAULT_RETRIES));
        YMap d = n.map("docker").orElse(empty());
        Network.Docker docker = new Network.Docker(text(d, "url").orElse("docker.io"), text(d, "username"),
                text(d, "password").map(Secret::of));
        YMap f = n.map("flux").orElse(empty());
        Optional<Network.Notifications> notifications = f.map("notifications").map(nm -> {
            YMap p = nm.map("provider").orElse(empty());
            return new Network.Notifications(text(p, "type").orElse("generic"), text(p, "channel"), text(p, "address"),
                    text(p, "secret_ref"), text(nm, "event_severity").orElse("info"));
        });
        Network.Flux flux = new Network.Flux(text(f, "namespace").orElse(Names.fluxNamespace(envType)),
                text(f, "interval").orElse(DEFAULT_INTERVAL), text(f, "timeout").orElse(DEFAULT_TIMEOUT),
                text(f, "drift_detection").orElse("enabled"), notifications);
        Network.SecretsConfig secrets = secrets(n.map("secrets"), new Network.SecretsConfig("sops", List.of()));
        List<Organization> orgs = new ArrayList<>();
        for (YNode item : n.seq("organizations").map(YSeq::items).orElse(List.of())) {
            if (item instanceof YMap o) orgs.add(organization(o, envType, secrets));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> config = n.map("config").map(c -> (Map<String, Object>) plain(c)).orElse(Map.of());
        Map<String, Object> sections = plainExcept(n, "organizations");
        return new Network(platform, text(n, "version").orElse(""), env, docker, flux, secrets, config, orgs,
                new Network.Source(source.name(), source.sha256()), sections);
    }

    private static Organization organization(YMap o, String envType, Network.SecretsConfig networkSecrets) {
        String name = text(o, "name").orElse("");
        YMap k = o.map("k8s").orElse(empty());
        Map<String, String> nodeSelector = new TreeMap<>();
        k.map("node_selector").ifPresent(m -> m.all().forEach(e -> {
            if (e.value() instanceof YScalar s && !s.isNull()) nodeSelector.put(e.key(), s.asText());
        }));
        List<Organization.Toleration> tolerations = new ArrayList<>();
        k.seq("tolerations").ifPresent(s -> s.items().forEach(t -> {
            if (t instanceof YMap tm) {
                tolerations.add(new Organization.Toleration(text(tm, "key"), text(tm, "operator"), text(tm, "value"),
                        text(tm, "effect"), integer(tm, "tolerationSeconds")));
            }
        }));
        Organization.K8s k8s = new Organization.K8s(text(k, "context").orElse(""), text(k, "config_file").orElse(""),
                nodeSelector, tolerations);
        Organization.Gitops gitops = o.map("gitops").map(g -> gitops(g, envType))
                .orElseGet(() -> new Organization.Gitops("file", embeddedRepository(name), DEFAULT_BRANCH,
                        defaultReleaseDir(envType), DEFAULT_CHART_SOURCE, Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), "orca", "orca@localhost", Optional.empty(), Optional.empty(), true,
                        Optional.empty()));
        Network.SecretsConfig secrets = secrets(o.map("secrets"), networkSecrets);
        List<Service> services = new ArrayList<>();
        o.map("services").ifPresent(s -> s.all().forEach(e -> {
            if (e.value() instanceof YSeq seq) {
                for (YNode item : seq.items()) if (item instanceof YMap m) services.add(service(e.key(), m));
            } else if (e.value() instanceof YMap m) {
                services.add(service(e.key(), m));
            }
        }));
        Map<String, Object> attributes = plainExcept(o, "services");
        return new Organization(name, text(o, "type").orElse(""), k8s, gitops, secrets, services, attributes);
    }

    private static Organization.Gitops gitops(YMap g, String envType) {
        String url = text(g, "git_url").orElse("");
        String protocol = text(g, "git_protocol").or(() -> GitUrls.protocolOf(url)).orElse("https");
        Optional<String> username = text(g, "username");
        Optional<Organization.ChartRepository> repo = g.map("chart_repository").map(r -> new Organization.ChartRepository(
                text(r, "type").orElse("git"), text(r, "url").orElse(""), text(r, "version"),
                text(r, "interval").orElse("10m")));
        return new Organization.Gitops(protocol, url, text(g, "branch").orElse(DEFAULT_BRANCH),
                text(g, "release_dir").map(ModelBinder::trimSlashes).orElse(defaultReleaseDir(envType)),
                text(g, "chart_source").map(ModelBinder::trimSlashes).orElse(DEFAULT_CHART_SOURCE),
                text(g, "git_repo"), username, text(g, "password").map(Secret::of), text(g, "private_key").map(Secret::of),
                username.orElse("orca"), text(g, "email").orElse("orca@localhost"), repo, text(g, "known_hosts"), false,
                text(g, "receiver_url"));
    }

    private static Network.SecretsConfig secrets(Optional<YMap> section, Network.SecretsConfig fallback) {
        if (section.isEmpty()) return fallback;
        YMap s = section.get();
        List<String> recipients = new ArrayList<>();
        s.seq("age_recipients").ifPresent(seq -> seq.items().forEach(i -> {
            if (i instanceof YScalar sc && !sc.isNull()) recipients.add(sc.asText());
        }));
        return new Network.SecretsConfig(text(s, "provider").orElse(fallback.provider()),
                recipients.isEmpty() ? fallback.ageRecipients() : recipients);
    }

    private static Service service(String group, YMap m) {
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = (Map<String, Object>) plain(m);
        return new Service(group, text(m, "name").orElse(group), attributes);
    }

    /** A mapping as plain values without one key (bound separately, so not held twice). */
    private static Map<String, Object> plainExcept(YMap m, String skipped) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.all().forEach(e -> {
            if (e.key().equals(skipped)) return;
            Object v = plain(e.value(), SecretKeys.isSecretKey(e.key()));
            if (v != null) out.put(e.key(), v);
        });
        return out;
    }

    /**
     * A node as plain Java values (maps without null entries, lists, scalars). A value under a secret key
     * ({@link SecretKeys}) becomes a {@link Secret}, so that no printed model shows it.
     */
    public static Object plain(YNode node) {
        return plain(node, false);
    }

    private static Object plain(YNode node, boolean secret) {
        if (node instanceof YMap m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.all().forEach(e -> {
                Object v = plain(e.value(), secret || SecretKeys.isSecretKey(e.key()));
                if (v != null) out.put(e.key(), v);
            });
            return out;
        }
        if (node instanceof YSeq s) {
            List<Object> out = new ArrayList<>();
            s.items().forEach(i -> {
                Object v = plain(i, secret);
                if (v != null) out.add(v);
            });
            return out;
        }
        Object value = ((YScalar) node).value();
        return secret && value != null ? Secret.of(String.valueOf(value)) : value;
    }

    private static String trimSlashes(String p) {
        String s = p.trim();
        while (s.startsWith("./")) s = s.substring(2);
        while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
        return s;
    }

    private static Optional<String> text(YMap m, String key) {
        return m.text(key);
    }

    /**
     * An integer as the loader read it (a {@code long}); the schema bounds every integer key, so a value narrowed to
     * an int by its caller fits (Math.toIntExact would say so loudly rather than wrap).
     */
    private static Optional<Long> integer(YMap m, String key) {
        return m.scalar(key).filter(s -> s.value() instanceof Long).map(s -> (Long) s.value());
    }

    private static YMap empty() {
        return new YMap(Map.of(), io.orca.diag.Position.START, "", "");
    }
}
