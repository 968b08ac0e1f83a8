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
        return Generated.besuNetworks().stream().map(n -> DynamicTest.dynamicTest(n.getFileName().toString(), () -> {
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
}
