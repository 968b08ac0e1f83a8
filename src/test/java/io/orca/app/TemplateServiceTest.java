package io.orca.app;

import io.orca.helm.ReleaseRef;
import io.orca.helm.StrictFakeHelm;
import io.orca.helm.TemplateRequest;
import io.orca.plan.DeploymentPlan;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.ReleasePlan;
import io.orca.render.Generated;
import io.orca.testing.Project;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The template use case over the Helm seam, with the strict fake: what it asks Helm and how it reports. */
class TemplateServiceTest {
    private final DeploymentPlan plan = plan();

    @Test
    void templatesEveryPlannedReleaseOnceInItsNamespaceWithItsChartAndValues() throws Exception {
        StrictFakeHelm helm = new StrictFakeHelm();
        List<String> expectedPaths = new ArrayList<>();
        for (OrganizationPlan op : plan.organizations()) {
            for (ReleasePlan r : op.releases()) {
                helm.onTemplate(new ReleaseRef(r.name(), op.namespace())).answers(c -> {
                    TemplateRequest t = (TemplateRequest) c.arguments().get(0);
                    return "chart " + t.chart().getFileName() + "\n" + t.values().yaml();
                });
                expectedPaths.add(op.organization().name() + "/" + r.name() + ".yaml");
            }
        }
        TemplateService.Result result = TemplateService.render(plan, helm);
        helm.verify();
        assertEquals(Map.of(), result.failures());
        assertEquals(expectedPaths.stream().sorted().toList(), List.copyOf(result.manifests().keySet()));
        OrganizationPlan first = plan.organizations().get(0);
        ReleasePlan r = first.releases().get(0);
        String out = result.manifests().get(first.organization().name() + "/" + r.name() + ".yaml");
        assertTrue(out.startsWith("chart " + r.chart() + "\n"), out);
        assertEquals(io.orca.render.Manifests.yaml(r.values()), out.substring(out.indexOf('\n') + 1));
    }

    @Test
    void aFailingReleaseIsReportedByNameWithHelmsWholeMessageAndTheOthersStillRender() throws Exception {
        StrictFakeHelm helm = new StrictFakeHelm();
        String failing = null;
        int releases = 0;
        for (OrganizationPlan op : plan.organizations()) {
            for (ReleasePlan r : op.releases()) {
                releases++;
                ReleaseRef ref = new ReleaseRef(r.name(), op.namespace());
                if (failing == null) {
                    failing = r.name();
                    helm.onTemplate(ref).fails("template " + ref + ": values don't meet the schema\n- at '/x': bad");
                } else {
                    helm.onTemplate(ref).returns("---\n");
                }
            }
        }
        TemplateService.Result result = TemplateService.render(plan, helm);
        helm.verify();
        // the whole message, continuation lines indented (issue 10, item 8: the first line alone named no violation)
        assertEquals(Map.of(failing, "template " + plan.organizations().get(0).namespace() + "/" + failing
                + ": values don't meet the schema\n    - at '/x': bad"), result.failures());
        assertEquals(releases - 1, result.manifests().size());
    }

    @Test
    void aReleaseTheTestDidNotScriptFailsTheTest() throws Exception {
        StrictFakeHelm helm = new StrictFakeHelm(); // nothing scripted
        TemplateService.Result result = TemplateService.render(plan, helm);
        assertTrue(result.failures().values().stream().allMatch(m -> m.startsWith("unexpected Helm call: template ")),
                result.failures().toString());
        AssertionError e = assertThrows(AssertionError.class, helm::verify);
        assertTrue(e.getMessage().contains("unexpected Helm call: template "), e.getMessage());
    }

    private static DeploymentPlan plan() {
        try {
            return Generated.generate(Project.dir().resolve("examples/besu-two-orgs.yaml"), "besu-two-orgs.yaml").plan();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
