package io.orca.app;

import io.orca.plan.OrganizationPlan;
import io.orca.plan.ReleasePlan;
import io.orca.publish.PublishOptions;
import io.orca.publish.PublishStatus;
import io.orca.publish.RepositoryReport;
import io.orca.secrets.AgeKeyPair;
import io.orca.testing.GitCli;
import io.orca.testing.GitHttpBackendServer;
import io.orca.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, "charts delivered": publish puts the charts its HelmReleases name under chart_source in their repository
 * (decision 0027), owned and pruned like releases, co-owned by networks sharing a repository. Real Git over smart HTTP
 * on loopback (git http-backend); what the remote holds is read back with the git CLI.
 */
class ChartsDeliveredTest {
    private static final AgeKeyPair KEY = AgeKeyPair.generate();

    private static PublishService.Result run(Path base, String yaml, String name) {
        PublishService.Result r = PublishService.publish(new PublishService.Request(name, yaml.getBytes(StandardCharsets.UTF_8),
                base, base.resolve("state-" + name), PublishOptions.defaults(base.resolve("cache")), false,
                new CredentialResolver(Map.<String, String>of()::get)));
        assertNull(r.refusal());
        assertTrue(r.outcome().ok(), String.valueOf(r.outcome()));
        assertEquals(1, r.report().repositories().size(), r.report().render(false));
        return r;
    }

    private static RepositoryReport publish(Path base, String yaml, String name) {
        return run(base, yaml, name).report().repositories().get(0);
    }

    /** The example network, its organizations renamed, both publishing to {@code url} with the given folders. */
    static String network(String first, String second, String url, String releaseDir, String chartSource) throws Exception {
        String yaml = SharedRepositoryOwnershipTest.network(first, second, url, releaseDir);
        return chartSource == null ? yaml
                : yaml.replace("release_dir: " + releaseDir + "\n", "release_dir: " + releaseDir + "\n        chart_source: " + chartSource + "\n");
    }

    /** Every HelmRelease in the tree of {@code branch}: its file → spec.chart.spec.chart. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> chartPaths(Path remote) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (String f : GitCli.files(remote, "main")) {
            if (!f.endsWith(".yaml") || f.startsWith(".orca/")) continue;
            String text = GitCli.show(remote, "main", f);
            if (!text.contains("kind: HelmRelease")) continue;
            for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
                if (!(doc instanceof Map<?, ?> m) || !"HelmRelease".equals(m.get("kind"))) continue;
                Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) m.get("spec"))
                        .get("chart")).get("spec");
                out.put(f + ":" + ((Map<String, Object>) m.get("metadata")).get("name"), (String) spec.get("chart"));
            }
        }
        return out;
    }

    private static Map<String, Object> yaml(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    @Test
    void everyChartAHelmReleaseNamesIsInTheRepositoryAtThePublishedCommit(@TempDir Path base) throws Exception {
        try (GitHttpBackendServer server = GitHttpBackendServer.start(base.resolve("srv"))) {
            Path remote = server.createBareRepository("fresh.git", "main");
            PublishService.Result r = run(base, network("alpha", "beta", server.url("fresh.git"), "releases/dev", null), "n.yaml");
            RepositoryReport report = r.report().repositories().get(0);
            assertEquals(PublishStatus.COMMITTED, report.status(), report.message());
            assertEquals(report.commitId(), GitCli.head(remote, "main"), "the published commit is the branch's head");

            Map<String, String> planned = new TreeMap<>();   // release name → chart version it was planned with
            Map<String, String> chartOf = new TreeMap<>();
            for (OrganizationPlan op : r.outcome().plan().organizations()) {
                for (ReleasePlan rp : op.releases()) {
                    planned.put(rp.name(), rp.chartVersion());
                    chartOf.put(rp.name(), rp.chart());
                }
            }
            Map<String, String> paths = chartPaths(remote);
            assertEquals(planned.size(), paths.size(), "one HelmRelease per planned release: " + paths);
            TreeSet<String> used = new TreeSet<>();
            for (Map.Entry<String, String> e : paths.entrySet()) {
                String release = e.getKey().substring(e.getKey().indexOf(':') + 1);
                assertTrue(e.getValue().startsWith("./"), e.getValue());
                String folder = e.getValue().substring(2);
                String chartYaml = GitCli.show(remote, "main", folder + "/Chart.yaml");
                assertNotNull(chartYaml, e.getKey() + " names " + e.getValue() + ", which is not in the repository at " + report.commitId());
                Map<String, Object> chart = yaml(chartYaml);
                assertEquals(chartOf.get(release), chart.get("name"), folder);
                assertEquals(planned.get(release), String.valueOf(chart.get("version")), folder + ": the version the release was planned with");
                used.add(folder);
            }
            // byte for byte Orca's chart, every file of it, and nothing but the charts the releases use
            TreeSet<String> expected = new TreeSet<>();
            for (String folder : used) {
                Path source = Project.dir().resolve("charts").resolve(folder.substring("charts/".length()));
                try (Stream<Path> s = Files.walk(source)) {
                    for (Path p : s.filter(Files::isRegularFile).toList()) {
                        String path = folder + "/" + source.relativize(p).toString().replace('\\', '/');
                        expected.add(path);
                        assertEquals(Files.readString(p), GitCli.show(remote, "main", path), path);
                    }
                }
            }
            TreeSet<String> charts = new TreeSet<>(GitCli.files(remote, "main").stream().filter(f -> f.startsWith("charts/")).toList());
            assertEquals(expected, charts);
            assertEquals(new TreeSet<>(List.of("charts/besu-network", "charts/besu-node", "charts/tessera")), used);
            // owned: a manifest per chart folder names this network
            String manifest = GitCli.show(remote, "main", ".orca/owned/charts/besu-node.owned");
            assertTrue(manifest.contains("shared: chart besu-node 0.1.0\nowner: besu-dev alpha beta\nfiles:\n  Chart.yaml\n"), manifest);

            // deterministic: the same network again changes nothing
            assertEquals(PublishStatus.UNCHANGED, publish(base, network("alpha", "beta", server.url("fresh.git"), "releases/dev", null),
                    "n.yaml").status());
        }
    }

    @Test
    void aChartNoLongerUsedIsPrunedAndAForeignFileInTheWayFailsTheRepository(@TempDir Path base) throws Exception {
        try (GitHttpBackendServer server = GitHttpBackendServer.start(base.resolve("srv"))) {
            Path remote = server.createBareRepository("r.git", "main");
            String url = server.url("r.git");
            assertEquals(PublishStatus.COMMITTED, publish(base, network("alpha", "beta", url, "releases/dev", null), "n.yaml").status());
            // without Tessera, its chart goes
            String noTessera = network("alpha", "beta", url, "releases/dev", null).replace("transaction_manager: tessera", "transaction_manager: none");
            RepositoryReport r = publish(base, noTessera, "n.yaml");
            assertEquals(PublishStatus.COMMITTED, r.status(), r.message());
            assertTrue(r.removedFiles().contains("charts/tessera/Chart.yaml"), r.removedFiles().toString());
            assertTrue(r.removedFiles().contains(".orca/owned/charts/tessera.owned"), r.removedFiles().toString());
            assertFalse(GitCli.files(remote, "main").stream().anyMatch(f -> f.startsWith("charts/tessera")));
            assertNotNull(GitCli.show(remote, "main", "charts/besu-node/Chart.yaml"));

            // a new chart_source: the charts move, the old folder is pruned, a file Orca did not write there stays
            Path scratch = base.resolve("scratch");
            GitCli.pushFile(remote, "main", scratch, "charts/NOTES.md", "mine\n");
            RepositoryReport moved = publish(base, network("alpha", "beta", url, "releases/dev", "deploy/charts")
                    .replace("transaction_manager: tessera", "transaction_manager: none"), "n.yaml");
            assertEquals(PublishStatus.COMMITTED, moved.status(), moved.message());
            List<String> files = GitCli.files(remote, "main");
            assertEquals(List.of("charts/NOTES.md"), files.stream().filter(f -> f.startsWith("charts/")).toList());
            assertNotNull(GitCli.show(remote, "main", "deploy/charts/besu-node/Chart.yaml"));
            assertTrue(GitCli.show(remote, "main", "releases/dev/alpha-bes/alpha-validator-1.yaml")
                    .contains("chart: ./deploy/charts/besu-node"));

            // a file Orca did not write where a chart must go: that repository fails, nothing is pushed
            GitCli.pushFile(remote, "main", scratch, "charts/tessera/Chart.yaml", "name: someone-elses\n");
            String head = GitCli.head(remote, "main");
            RepositoryReport refused = publish(base, network("alpha", "beta", url, "releases/dev", null), "n.yaml");
            assertEquals(PublishStatus.FAILED, refused.status());
            assertTrue(refused.message().contains("charts/tessera/Chart.yaml is in the way of files Orca must write")
                    && refused.message().contains("choose another chart_source"), refused.message());
            assertEquals(head, GitCli.head(remote, "main"));
        }
    }

    @Test
    void twoNetworksSharingARepositoryCoOwnTheirChartsAndTheLastToLeaveDeletesThem(@TempDir Path base) throws Exception {
        try (GitHttpBackendServer server = GitHttpBackendServer.start(base.resolve("srv"))) {
            Path remote = server.createBareRepository("shared.git", "main");
            String url = server.url("shared.git");
            String a = network("alpha", "beta", url, "releases/a", null);
            String b = network("gamma", "delta", url, "releases/b", null);
            assertEquals(PublishStatus.COMMITTED, publish(base, a, "a.yaml").status());
            RepositoryReport second = publish(base, b, "b.yaml");
            assertEquals(PublishStatus.COMMITTED, second.status(), second.message());
            assertEquals(List.of(), second.removedFiles());
            assertTrue(second.changedFiles().stream().allMatch(f -> f.startsWith(".orca/owned/charts/")), second.changedFiles().toString());
            assertTrue(second.addedFiles().stream().noneMatch(f -> f.startsWith("charts/")), "the charts are there already, the same bytes");
            assertTrue(GitCli.show(remote, "main", ".orca/owned/charts/besu-node.owned")
                    .contains("owner: besu-dev alpha beta\nowner: besu-dev delta gamma\n"));
            assertEquals(PublishStatus.UNCHANGED, publish(base, a, "a.yaml").status());
            assertEquals(PublishStatus.UNCHANGED, publish(base, b, "b.yaml").status());

            // network A moves its charts: the shared folder stays for B, which alone owns it now
            String aMoved = network("alpha", "beta", url, "releases/a", "a-charts");
            RepositoryReport moved = publish(base, aMoved, "a.yaml");
            assertEquals(PublishStatus.COMMITTED, moved.status(), moved.message());
            assertTrue(moved.removedFiles().stream().noneMatch(f -> f.startsWith("charts/")), moved.removedFiles().toString());
            assertNotNull(GitCli.show(remote, "main", "charts/besu-node/Chart.yaml"));
            String owned = GitCli.show(remote, "main", ".orca/owned/charts/besu-node.owned");
            assertTrue(owned.contains("owner: besu-dev delta gamma\nfiles:") && !owned.contains("alpha"), owned);

            // B moves too: the last owner takes the folder with it
            RepositoryReport last = publish(base, network("gamma", "delta", url, "releases/b", "b-charts"), "b.yaml");
            assertEquals(PublishStatus.COMMITTED, last.status(), last.message());
            assertFalse(GitCli.files(remote, "main").stream().anyMatch(f -> f.startsWith("charts/") || f.startsWith(".orca/owned/charts/")));

            // both back on one folder; then its content differs from what network B wrote (another Orca's chart):
            // network A does not change it under B, and says why
            assertEquals(PublishStatus.COMMITTED, publish(base, a, "a.yaml").status());
            assertEquals(PublishStatus.COMMITTED, publish(base, b, "b.yaml").status());
            GitCli.pushFile(remote, "main", base.resolve("scratch"), "charts/besu-node/README.md", "another version\n");
            String head = GitCli.head(remote, "main");
            RepositoryReport clash = publish(base, a, "a.yaml");
            assertEquals(PublishStatus.FAILED, clash.status());
            assertTrue(clash.message().contains("charts/besu-node holds chart besu-node 0.1.0 for network besu-dev (organizations delta, gamma)")
                    && clash.message().contains("publish these networks with the same Orca"), clash.message());
            assertEquals(head, GitCli.head(remote, "main"));
        }
    }
}
