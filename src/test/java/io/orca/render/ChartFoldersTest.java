package io.orca.render;

import io.orca.app.GenerateService;
import io.orca.plan.MaterialSource;
import io.orca.testing.Project;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chart folders of each repository's tree (decision 0027): exactly the folders its HelmReleases name, each Orca's
 * chart byte for byte; none for organizations whose charts come from a Helm or OCI repository. The golden files hold
 * the manifests only, so this is where the chart folders are checked.
 */
class ChartFoldersTest {
    private static final Pattern CHART_PATH = Pattern.compile("(?m)^\\s+chart: \\./(\\S+)$");

    @TestFactory
    Stream<DynamicTest> everyExampleCarriesTheChartsItsReleasesName() throws IOException {
        List<Path> examples;
        try (Stream<Path> s = Files.list(Project.dir().resolve("examples"))) {
            examples = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        return examples.stream().map(e -> DynamicTest.dynamicTest(e.getFileName().toString(), () -> {
            GenerateService.Outcome o = Generated.generate(e, "examples/" + e.getFileName());
            for (RepositoryTree t : o.trees()) {
                TreeSet<String> named = new TreeSet<>();
                for (String text : t.files().values()) {
                    Matcher m = CHART_PATH.matcher(text);
                    while (m.find()) named.add(m.group(1));
                }
                assertFalse(named.isEmpty(), t.name());
                assertEquals(named, new TreeSet<>(t.charts().stream().map(ChartFolder::path).toList()), t.name());
                for (ChartFolder c : t.charts()) assertEquals(orcasChart(c.chart()), c.files(), c.path());
            }
            // the same input, the same bytes
            GenerateService.Outcome again = Generated.generate(e, "examples/" + e.getFileName());
            for (int i = 0; i < o.trees().size(); i++) {
                for (int j = 0; j < o.trees().get(i).charts().size(); j++) {
                    ChartFolder a = o.trees().get(i).charts().get(j);
                    ChartFolder b = again.trees().get(i).charts().get(j);
                    assertEquals(a.path(), b.path());
                    for (String f : a.files().keySet()) assertArrayEquals(a.files().get(f), b.files().get(f), f);
                }
            }
        }));
    }

    @Test
    void aHelmOrOciChartRepositoryTakesTheChartsOutOfTheGitRepositoryAndTypeGitKeepsThem() throws IOException {
        String base = Files.readString(Project.dir().resolve("examples/besu-two-orgs.yaml"));
        for (String type : List.of("oci", "helm", "git")) {
            String yaml = base.replace("      external_url_suffix: alpha.example.test\n", """
                          external_url_suffix: alpha.example.test
                          gitops:
                            git_url: https://git.example.test/alpha.git
                            username: bot
                            password: ${env:ORCA_TEST_UNSET_TOKEN}
                            chart_repository:
                              type: %s
                              url: %s
                    """.formatted(type, type.equals("oci") ? "oci://registry.example.test/charts" : "https://charts.example.test"));
            GenerateService.Outcome o = GenerateService.plan("n.yaml", yaml.getBytes(StandardCharsets.UTF_8), MaterialSource.NONE,
                    Generated.seeded(1));
            assertTrue(o.ok(), type + ": " + o.diagnostics());
            RepositoryTree alpha = o.trees().stream().filter(t -> t.organizations().contains("alpha")).findFirst().orElseThrow();
            RepositoryTree beta = o.trees().stream().filter(t -> t.organizations().contains("beta")).findFirst().orElseThrow();
            assertEquals(type.equals("git"), !alpha.charts().isEmpty(), type);
            assertFalse(beta.charts().isEmpty(), "beta names no chart repository");
        }
    }

    private static SortedMap<String, byte[]> orcasChart(String chart) throws IOException {
        Path dir = Project.dir().resolve("charts").resolve(chart);
        SortedMap<String, byte[]> out = new TreeMap<>(Map.of()) {
            @Override
            public boolean equals(Object o) {
                if (!(o instanceof Map<?, ?> m) || !m.keySet().equals(keySet())) return false;
                return entrySet().stream().allMatch(e -> java.util.Arrays.equals(e.getValue(), (byte[]) m.get(e.getKey())));
            }

            @Override
            public int hashCode() {
                return keySet().hashCode();
            }
        };
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
