package io.orca.docs;

import io.orca.cli.CommandModel;
import io.orca.testing.Project;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the docs tests share: the docs, the project as a fresh clone has it, the run environment, the checks. */
final class Docs {
    private static Clone clone;

    private Docs() {
    }

    /** README.md and docs/*.md (not docs/decisions/: records of past choices, not instructions). */
    static List<Path> files() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(Project.dir().resolve("README.md"));
        try (Stream<Path> s = Files.list(Project.dir().resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    static String name(Path doc) {
        return Project.dir().relativize(doc).toString().replace(File.separatorChar, '/');
    }

    static Markdown.Parsed parse(Path doc) throws IOException {
        return Markdown.parse(name(doc), Files.readAllLines(doc, StandardCharsets.UTF_8));
    }

    static synchronized Clone project() throws IOException, InterruptedException {
        if (clone == null) clone = Clone.of(Project.dir());
        return clone;
    }

    static StaticChecks checks() throws IOException, InterruptedException {
        Clone c = project();
        Set<String> tests = new TreeSet<>();
        for (String f : c.files()) {
            if (f.startsWith("src/test/java/") && f.endsWith(".java")) {
                tests.add(f.substring("src/test/java/".length(), f.length() - ".java".length()).replace('/', '.'));
            }
        }
        return new StaticChecks(c.files(), c.executables(), tests, CommandModel::full);
    }

    /**
     * The environment the docs' commands run in: this one, minus what would make them depend on the developer's
     * set-up ({@code JAVA_HOME}: the docs must work where the launcher finds Java by itself; a {@code KUBECONFIG};
     * {@code ORCA_*} options), with the launcher training its start-up cache before it runs (no background process
     * outliving the block). HOME, XDG_CACHE_HOME and XDG_CONFIG_HOME point into the run's scratch folder
     * ({@link DocRunner}); the caches of the Go toolchain and of the test cluster's binaries stay where they are.
     */
    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>(System.getenv());
        String home = System.getProperty("user.home");
        String cache = env.getOrDefault("XDG_CACHE_HOME", home + "/.cache");
        env.putIfAbsent("ORCA_TEST_CLUSTER_CACHE", cache + "/orca-test-cluster");
        env.putIfAbsent("ORCA_TOOLS_CACHE", cache + "/orca-tools");
        env.putIfAbsent("GOPATH", home + "/go");
        env.putIfAbsent("GOCACHE", cache + "/go-build");
        for (String k : List.of("JAVA_HOME", "KUBECONFIG", "ORCA_TEST_KUBECONFIG", "ORCA_JAVA_OPTS", "ORCA_TRAIN",
                "ORCA_TEST_CLUSTER_NAME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME")) {
            env.remove(k);
        }
        env.put("ORCA_TRAIN", "wait");
        return env;
    }

    static DocRunner.Setup setup(Map<String, String> env, Duration timeout) throws IOException, InterruptedException {
        return new DocRunner.Setup(project(), env, timeout, Docs::launcherJar);
    }

    /**
     * Puts target/orca.jar into the copy, so that {@code ./orca} runs the code under test instead of building it
     * (the launcher's build step is checked by scripts/launcher-test): a jar holding only a manifest whose
     * Class-Path is this test run's class path (target/classes and the dependencies), newer than the sources
     * (copied with their dates).
     */
    static void launcherJar(Path copy) throws IOException {
        Path jar = copy.resolve("target/orca.jar");
        Files.createDirectories(jar.getParent());
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String classPath = Stream.of(cp.split(File.pathSeparator))
                .filter(e -> !e.isBlank() && !e.endsWith("test-classes") && !e.endsWith("test-classes/"))
                .map(e -> Path.of(e).toAbsolutePath().toUri().toString())
                .collect(Collectors.joining(" "));
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.put(Attributes.Name.MAIN_CLASS, "io.orca.cli.Main");
        a.put(Attributes.Name.CLASS_PATH, classPath);
        a.putValue("Enable-Native-Access", "ALL-UNNAMED");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
    }
}
