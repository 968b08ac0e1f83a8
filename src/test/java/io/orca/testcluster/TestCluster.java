package io.orca.testcluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One running test cluster (scripts/test-cluster): its kubeconfig and a fabric8 client for it.
 * Also gives tests the cached {@code sops} and {@code age-keygen} binaries ({@link #sops()}, {@link #ageKeygen()}).
 */
public final class TestCluster implements AutoCloseable {
    private static final long UP_TIMEOUT_MINUTES = 120; // includes a first build from source when nothing is cached
    private static Map<String, Path> tools;

    private final String name;
    private final Path kubeconfig;
    private final boolean owned;
    private final KubernetesClient client;
    private final Thread shutdownHook;

    private TestCluster(String name, Path kubeconfig, boolean owned) throws IOException {
        this.name = name;
        this.kubeconfig = kubeconfig;
        this.owned = owned;
        this.client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig, StandardCharsets.UTF_8)))
                .build();
        this.shutdownHook = owned ? new Thread(this::down, "test-cluster-down") : null;
        if (shutdownHook != null) Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Uses the cluster named by {@code ORCA_TEST_KUBECONFIG} or {@code KUBECONFIG} when one of them names a file;
     * otherwise runs {@code scripts/test-cluster up --name <orca.testCluster.name, default "junit">}, which builds
     * what is missing. A cluster this call started is stopped by {@link #close()}.
     */
    public static TestCluster startOrConnect() throws IOException, InterruptedException {
        for (String env : List.of("ORCA_TEST_KUBECONFIG", "KUBECONFIG")) {
            String value = System.getenv(env);
            if (value != null && !value.isBlank() && Files.isRegularFile(Path.of(value))) {
                return new TestCluster(env, Path.of(value), false);
            }
        }
        return start(System.getProperty("orca.testCluster.name", "junit"));
    }

    /**
     * Runs {@code scripts/test-cluster up --name name} (a second cluster for multi-cluster tests, say); the cluster
     * is stopped by {@link #close()} unless it was running before.
     */
    public static TestCluster start(String name) throws IOException, InterruptedException {
        boolean wasRunning = script(5, "status", "--name", name).exitCode == 0;
        Result up = script(UP_TIMEOUT_MINUTES, "up", "--name", name);
        if (up.exitCode != 0) {
            throw new IOException("scripts/test-cluster up failed (exit " + up.exitCode + "); see " + logFile());
        }
        String last = up.lastLine();
        if (!last.startsWith("export KUBECONFIG=")) {
            throw new IOException("unexpected last line of scripts/test-cluster up: " + last);
        }
        return new TestCluster(name, Path.of(last.substring("export KUBECONFIG=".length()).trim()), !wasRunning);
    }

    public KubernetesClient client() {
        return client;
    }

    /** The kubeconfig file (client certificate, server on 127.0.0.1). */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** Creates a namespace with a unique name starting with {@code prefix}. */
    public String createNamespace(String prefix) {
        String ns = (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        return ns;
    }

    /** The cached sops binary (built by {@code scripts/test-cluster tools} when missing). */
    public static Path sops() throws IOException, InterruptedException {
        return tool("sops");
    }

    /** The cached age-keygen binary (built by {@code scripts/test-cluster tools} when missing). */
    public static Path ageKeygen() throws IOException, InterruptedException {
        return tool("age-keygen");
    }

    private static synchronized Path tool(String name) throws IOException, InterruptedException {
        if (tools == null) {
            Result r = script(60, "tools");
            if (r.exitCode != 0) throw new IOException("scripts/test-cluster tools failed; see " + logFile());
            Map<String, Path> found = new TreeMap<>();
            for (String line : r.stdout) {
                int eq = line.indexOf('=');
                if (eq > 0) found.put(line.substring(0, eq), Path.of(line.substring(eq + 1)));
            }
            tools = found;
        }
        Path p = tools.get(name);
        if (p == null || !Files.isExecutable(p)) throw new IOException(name + " was not built: " + tools);
        return p;
    }

    @Override
    public void close() {
        client.close();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                return;
            }
            down();
        }
    }

    private void down() {
        if (!owned) return;
        try {
            script(5, "down", "--name", name);
        } catch (IOException | InterruptedException e) {
            System.err.println("scripts/test-cluster down failed: " + e);
        }
    }

    /** The project directory (surefire sets orca.projectDir). */
    public static Path projectDir() {
        return Path.of(System.getProperty("orca.projectDir", System.getProperty("user.dir")));
    }

    /** Where the script's progress output (stderr) goes. */
    public static Path logFile() {
        return projectDir().resolve("target").resolve("test-cluster.log");
    }

    private record Result(int exitCode, List<String> stdout) {
        String lastLine() {
            return stdout.isEmpty() ? "" : stdout.get(stdout.size() - 1);
        }
    }

    private static Result script(long timeoutMinutes, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(projectDir().resolve("scripts").resolve("test-cluster").toString());
        cmd.addAll(List.of(args));
        Files.createDirectories(logFile().getParent());
        Path out = Files.createTempFile(logFile().getParent(), "test-cluster-", ".out");
        try {
            Process p = new ProcessBuilder(cmd)
                    .directory(projectDir().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
            if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                p.destroy();
                throw new IOException(String.join(" ", cmd) + " did not finish within " + timeoutMinutes + " minutes");
            }
            return new Result(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
