package io.orca.helm;

import io.orca.kube.KubeTarget;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * helm-java has no kube-context option: Helm uses the kubeconfig's current-context. For a target naming a context,
 * {@link #forContext} writes a kubeconfig cut down to that context (its cluster and user, current-context set) into a
 * private temporary folder (0700, file 0600, deleted by {@link Scoped#close}). Relative file paths in it (CA,
 * client certificate and key, token file, exec command) are made absolute against the original file's folder, as
 * client-go resolves them, since the copy lives elsewhere.
 */
final class KubeConfigs {
    private KubeConfigs() {
    }

    /** The kubeconfig file a Helm call should use; closing it deletes a cut-down copy. */
    record Scoped(Path file, Path ownedDir) implements AutoCloseable {
        @Override
        public void close() {
            if (ownedDir != null) PrivateTempFolders.delete(ownedDir);
        }
    }

    static Scoped forContext(KubeTarget target) {
        if (target.context() == null) return new Scoped(target.kubeconfig(), null);
        Path source = target.kubeconfig() != null ? target.kubeconfig() : defaultKubeconfig();
        String cut = cutDown(read(source), target.context(), source.toAbsolutePath().getParent(), source);
        Path dir = null;
        try {
            dir = PrivateTempFolders.create("orca-kube");
            Path file = Files.createFile(dir.resolve("config"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, cut, StandardCharsets.UTF_8);
            return new Scoped(file, dir);
        } catch (IOException | UnsupportedOperationException e) {
            if (dir != null) new Scoped(null, dir).close();
            throw new HelmException("cannot write a kubeconfig for context '" + target.context() + "': " + e.getMessage(), e);
        }
    }

    /** $KUBECONFIG's first entry, else ~/.kube/config (client-go's order; merging several files is not supported). */
    static Path defaultKubeconfig() {
        String env = System.getenv("KUBECONFIG");
        if (env != null && !env.isBlank()) {
            for (String p : env.split(java.io.File.pathSeparator)) if (!p.isBlank()) return Path.of(p);
        }
        return Path.of(System.getProperty("user.home"), ".kube", "config");
    }

    private static Map<String, Object> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HelmException("cannot read kubeconfig " + file + ": " + e.getMessage(), e);
        }
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (RuntimeException e) {
            throw new HelmException("kubeconfig " + file + " is not valid YAML: " + e.getMessage(), e);
        }
        if (!(doc instanceof Map<?, ?> m)) throw new HelmException("kubeconfig " + file + " is not a mapping");
        @SuppressWarnings("unchecked") Map<String, Object> map = (Map<String, Object>) m;
        return map;
    }

    /** The kubeconfig reduced to one context, its cluster and its user, that context current. Pure. */
    static String cutDown(Map<String, Object> config, String context, Path baseDir, Path source) {
        Map<String, Object> ctx = named(config, "contexts", context, source, "context");
        Map<String, Object> ctxBody = body(ctx, "context");
        String cluster = ctxBody == null ? null : (String) ctxBody.get("cluster");
        String user = ctxBody == null ? null : (String) ctxBody.get("user");
        if (cluster == null) throw new HelmException("context '" + context + "' in kubeconfig " + source + " names no cluster");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("apiVersion", config.getOrDefault("apiVersion", "v1"));
        out.put("kind", config.getOrDefault("kind", "Config"));
        Map<String, Object> clusterEntry = copy(named(config, "clusters", cluster, source, "cluster"));
        absolutize(body(clusterEntry, "cluster"), baseDir, "certificate-authority");
        out.put("clusters", List.of(clusterEntry));
        out.put("contexts", List.of(ctx));
        out.put("current-context", context);
        if (user != null) {
            Map<String, Object> userEntry = copy(named(config, "users", user, source, "user"));
            Map<String, Object> u = body(userEntry, "user");
            absolutize(u, baseDir, "client-certificate", "client-key", "tokenFile");
            Object exec = u == null ? null : u.get("exec");
            if (exec instanceof Map<?, ?> e && e.get("command") instanceof String cmd && cmd.contains("/")) {
                @SuppressWarnings("unchecked") Map<String, Object> em = (Map<String, Object>) e;
                absolutize(em, baseDir, "command");
            }
            out.put("users", List.of(userEntry));
        }
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(o).dump(out);
    }

    private static Map<String, Object> named(Map<String, Object> config, String list, String name, Path source, String what) {
        if (config.get(list) instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> m && name.equals(m.get("name"))) {
                    @SuppressWarnings("unchecked") Map<String, Object> entry = (Map<String, Object>) m;
                    return entry;
                }
            }
        }
        List<String> known = new ArrayList<>();
        if (config.get(list) instanceof List<?> items) {
            for (Object item : items) if (item instanceof Map<?, ?> m && m.get("name") != null) known.add(String.valueOf(m.get("name")));
        }
        throw new HelmException(what + " '" + name + "' not found in kubeconfig " + source
                + (known.isEmpty() ? "" : " (it has: " + String.join(", ", known) + ")"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Map<String, Object> entry, String key) {
        return entry.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> entry) {
        Map<String, Object> out = new LinkedHashMap<>();
        entry.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> m ? copy((Map<String, Object>) m) : v));
        return out;
    }

    private static void absolutize(Map<String, Object> map, Path baseDir, String... keys) {
        if (map == null || baseDir == null) return;
        for (String k : keys) {
            if (map.get(k) instanceof String s && !s.isEmpty() && !Path.of(s).isAbsolute()) {
                map.put(k, baseDir.resolve(s).normalize().toString());
            }
        }
    }
}
