package io.orca.charts;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.orca.app.GenerateService;
import io.orca.app.TemplateService;
import io.orca.render.Generated;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code orca template} renders — each planned release's chart with the values the planner produced, through
 * Helm's engine — deserializes strictly into fabric8's typed models and holds no private key material.
 */
class PlannedReleasesRenderTest {
    @TestFactory
    Stream<DynamicTest> everyPlannedReleaseRendersStrictly() throws IOException {
        return Generated.networks().stream().map(n -> DynamicTest.dynamicTest(n.getFileName().toString(), () -> {
            GenerateService.Outcome o = Generated.generate(n, n.getFileName().toString());
            TemplateService.Result result = TemplateService.render(o.plan());
            assertEquals(Map.of(), result.failures());
            long releases = o.plan().organizations().stream().mapToLong(op -> op.releases().size()).sum();
            assertEquals(releases, result.manifests().size());
            int statefulSets = 0;
            for (Map.Entry<String, String> m : result.manifests().entrySet()) {
                List<HasMetadata> objects = Charts.parseStrict(m.getValue());
                assertFalse(objects.isEmpty(), m.getKey() + " rendered nothing");
                Charts.assertNoPrivateKeyMaterial(m.getValue());
                for (StatefulSet s : Charts.ofType(objects, StatefulSet.class)) {
                    statefulSets++;
                    assertTrue(s.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot());
                }
            }
            assertTrue(statefulSets > 0);
        }));
    }

    /**
     * Fabric: every release of the examples and of Bevel's Fabric samples (at Fabric 2.5) renders strictly, with the
     * restrictive security of Orca's charts, pinned images and no private key material; Jobs never download.
     */
    @TestFactory
    Stream<DynamicTest> everyPlannedFabricReleaseRendersStrictly() throws IOException {
        return Generated.fabricNetworks().stream().map(n -> DynamicTest.dynamicTest(n.name(), () -> {
            GenerateService.Outcome o = n.generate();
            TemplateService.Result result = TemplateService.render(o.plan());
            assertEquals(Map.of(), result.failures());
            long releases = o.plan().organizations().stream().mapToLong(op -> op.releases().size()).sum();
            assertEquals(releases, result.manifests().size());
            int pods = 0;
            int jobs = 0;
            for (Map.Entry<String, String> m : result.manifests().entrySet()) {
                List<HasMetadata> objects = Charts.parseStrict(m.getValue());
                assertFalse(objects.isEmpty(), m.getKey() + " rendered nothing");
                Charts.assertNoPrivateKeyMaterial(m.getValue());
                for (StatefulSet s : Charts.ofType(objects, StatefulSet.class)) {
                    Charts.assertRestrictedSecurity(s.getSpec().getTemplate().getSpec());
                    pods++;
                }
                for (var d : Charts.ofType(objects, io.fabric8.kubernetes.api.model.apps.Deployment.class)) {
                    Charts.assertRestrictedSecurity(d.getSpec().getTemplate().getSpec());
                    pods++;
                }
                for (var j : Charts.ofType(objects, io.fabric8.kubernetes.api.model.batch.v1.Job.class)) {
                    var pod = j.getSpec().getTemplate().getSpec();
                    Charts.assertRestrictedSecurity(pod);
                    String script = String.join(" ", pod.getContainers().get(0).getCommand());
                    assertTrue(script.startsWith("/bin/sh /scripts/"), script);
                    jobs++;
                }
                for (var cm : Charts.ofType(objects, io.fabric8.kubernetes.api.model.ConfigMap.class)) {
                    if (cm.getData() == null) continue;
                    for (String text : cm.getData().values()) {
                        for (String tool : List.of("curl ", "wget ", "git clone", "apk add", "pip install", "kubectl")) {
                            assertFalse(text.contains(tool), cm.getMetadata().getName() + " runs " + tool);
                        }
                        assertFalse(text.matches("(?s).*\\bsleep [0-9].*"), cm.getMetadata().getName() + " sleeps a fixed time");
                    }
                }
            }
            assertTrue(pods > 0);
            assertTrue(jobs > 0, "channel join Jobs");
        }));
    }

    /**
     * Issue 10, item 8: with network.docker credentials the planner named the pull secret as {@code [{name: ...}]},
     * which besu-node's and tessera's values.schema.json (a list of Secret names) refused, so template failed.
     */
    @org.junit.jupiter.api.Test
    void registryCredentialsMeetTheChartsContract() throws Exception {
        String yaml = java.nio.file.Files.readString(io.orca.testing.Project.dir().resolve("examples/besu-two-orgs.yaml"))
                .replace("  docker:\n    url: docker.io\n", "  docker:\n    url: registry.example.test/orca\n    username: bot\n"
                        + "    password: registry-password\n");
        io.orca.app.PlanningService.Planned planned = io.orca.app.PlanningService.plan("n.yaml",
                yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8), io.orca.app.PlanningService.Request.preview(
                        io.orca.plan.MaterialSource.NONE).withRandom(Generated.seeded(4)));
        assertTrue(planned.ok(), () -> planned.diagnostics().toString());
        TemplateService.Result result = TemplateService.render(planned.plan());
        assertEquals(Map.of(), result.failures());
        int withPullSecret = 0;
        for (Map.Entry<String, String> m : result.manifests().entrySet()) {
            for (StatefulSet s : Charts.ofType(Charts.parseStrict(m.getValue()), StatefulSet.class)) {
                var refs = s.getSpec().getTemplate().getSpec().getImagePullSecrets();
                String org = m.getKey().substring(0, m.getKey().indexOf('/'));
                assertEquals(List.of(org + "-regcred"), refs.stream().map(r -> r.getName()).toList(), m.getKey());
                withPullSecret++;
            }
        }
        assertEquals(6, withPullSecret, "4 validators, 1 member and its Tessera pull with the registry credentials");
        Charts.assertNoPrivateKeyMaterial(String.join("\n", result.manifests().values()));
        for (String manifest : result.manifests().values()) assertFalse(manifest.contains("registry-password"));
    }
}
