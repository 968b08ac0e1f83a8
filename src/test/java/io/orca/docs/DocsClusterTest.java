package io.orca.docs;

import io.orca.testcluster.ClusterTest;
import io.orca.testcluster.TestCluster;
import io.orca.testing.Project;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The documented commands that need a Kubernetes cluster ({@code <!-- docs-test: cluster -->}) run against the
 * cluster tests' cluster, each doc from its first block on, in a fresh copy of the project (docs/testing.md, "Docs
 * that run").
 */
@ClusterTest
class DocsClusterTest {
    @TestFactory
    List<DynamicTest> everyClusterCommandWorks(TestCluster cluster) throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path doc : Docs.files()) {
            Markdown.Parsed parsed = Docs.parse(doc);
            if (parsed.blocks().stream().noneMatch(b -> b.markers().cluster())) continue;
            List<Markdown.Block> run = parsed.blocks().stream()
                    .filter(b -> (b.isShell() || b.isConsole()) && !b.markers().checkOnly()).toList();
            tests.add(DynamicTest.dynamicTest(Docs.name(doc), () -> {
                List<String> failures = DocRunner.run(Docs.name(doc), run, Docs.setup(env(cluster), Duration.ofMinutes(120)));
                if (!failures.isEmpty()) fail(String.join("\n", failures) + "\n(ran against the test cluster in a fresh "
                        + "copy of the project; conventions: docs/testing.md, 'Docs that run')");
            }));
        }
        assertTrue(tests.size() >= 3, "README.md, docs/secrets.md and docs/testing.md have cluster blocks; found " + tests.size());
        return tests;
    }

    private static Map<String, String> env(TestCluster cluster) throws IOException, InterruptedException {
        Map<String, String> env = Docs.env();
        env.put("KUBECONFIG", cluster.kubeconfig().toString());
        env.put("ORCA_TEST_CLUSTER_NAME", System.getProperty("orca.testCluster.name", "junit") + "-docs");
        Path kubectl = kubectl();
        env.put("PATH", kubectl.getParent() + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        return env;
    }

    /** The test cluster's kubectl ({@code scripts/test-cluster paths}). */
    private static Path kubectl() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Project.dir().resolve("scripts/test-cluster").toString(), "paths")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        for (String line : out.split("\n")) {
            if (line.startsWith("kubectl=")) {
                Path k = Path.of(line.substring("kubectl=".length()));
                if (Files.isExecutable(k)) return k;
            }
        }
        throw new IOException("scripts/test-cluster paths names no kubectl that exists: " + out);
    }
}
