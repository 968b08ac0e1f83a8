package io.orca.helm;

import com.marcnuri.helm.Helm;
import io.orca.testing.Project;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seam's template against Helm's real engine (no cluster needed). */
class HelmJavaEngineTemplateTest {
    private final HelmEngine helm = new HelmJavaEngine();
    private final Path chart = Project.dir().resolve("charts/besu-network");
    private final Path values = Project.dir().resolve("src/test/resources/charts/besu-network-values.yaml");

    @Test
    void rendersExactlyWhatHelmJavaRendersDirectly() throws Exception {
        String direct = new Helm(chart).template().withName("net").withNamespace("org1-bes").withValuesFile(values).call();
        String viaSeam = helm.template(new TemplateRequest(new ReleaseRef("net", "org1-bes"), chart,
                Values.yaml(Files.readString(values))));
        assertEquals(direct, viaSeam);
        assertTrue(viaSeam.contains("name: net-genesis"), viaSeam);
    }

    @Test
    void valuesMayBeGivenAsAMap() {
        String rendered = helm.template(new TemplateRequest(new ReleaseRef("net", "ns"), chart,
                Values.of(new org.yaml.snakeyaml.Yaml().load(readUnchecked(values)))));
        assertTrue(rendered.contains("kind: ConfigMap"), rendered);
    }

    @Test
    void helmsErrorIsAHelmExceptionNamingTheRelease() {
        Path invalid = Project.dir().resolve("src/test/resources/charts/besu-network-invalid-values.yaml");
        HelmException e = assertThrows(HelmException.class, () -> helm.template(new TemplateRequest(
                new ReleaseRef("net", "ns"), chart, Values.yaml(readUnchecked(invalid)))));
        assertTrue(e.getMessage().startsWith("template ns/net: "), e.getMessage());
        assertTrue(e.getMessage().contains("values don't meet the specifications of the schema"), e.getMessage());
    }

    @Test
    void withoutAKubernetesClientGetSaysWhy() {
        // No cluster is reached: ReleaseRecords.NONE answers before helm-java is asked for the manifest.
        HelmException e = assertThrows(HelmException.class, () ->
                ReleaseRecords.NONE.read(KubeTarget.of(null), new ReleaseRef("r", "ns"), 1));
        assertTrue(e.getMessage().contains("needs a Kubernetes client"), e.getMessage());
        assertEquals("sh.helm.release.v1.r.v2", ReleaseRecords.secretName(new ReleaseRef("r", "ns"), 2));
        assertTrue(OptionalInt.empty().isEmpty());
    }

    @Test
    void rollbackWithoutTheEarlierChartIsAClearError() {
        assertEquals(java.util.Optional.empty(), ChartSource.NONE.find("besu-node-0.1.0"));
        assertTrue(ChartSource.directory(Project.dir().resolve("charts")).find(chartNameVersion()).isPresent());
        assertEquals(java.util.Optional.empty(), ChartSource.directory(Project.dir().resolve("charts")).find("besu-network-0.0.0-nope"));
    }

    private String chartNameVersion() {
        String yaml = readUnchecked(chart.resolve("Chart.yaml"));
        String version = yaml.lines().filter(l -> l.startsWith("version:")).findFirst().orElseThrow().substring(8).trim();
        return "besu-network-" + version.replace("\"", "");
    }

    private static String readUnchecked(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
