package io.orca.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.orca.app.GenerateService;
import io.orca.model.Redaction;
import io.orca.plan.DeploymentPlan;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.ReleasePlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code orca plan}: the releases of every organization and their order, as text, JSON or a Mermaid diagram. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Print the Helm releases per organization and their order.",
        footer = {"", "Exit codes: 0 planned, 1 invalid network.yaml or unsupported platform, 2 usage error."})
public final class PlanCommand implements Callable<Integer> {
    @Mixin
    NetworkInput input;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text (default), json or mermaid")
    String format;

    @Override
    public Integer call() throws Exception {
        if (!List.of("text", "json", "mermaid").contains(format)) {
            return Cli.usageError("unknown format '" + format + "'; use text, json or mermaid");
        }
        GenerateService.Outcome outcome = input.plan();
        if (outcome == null) return Cli.EXIT_INVALID;
        PrintWriter out = Cli.out();
        DeploymentPlan plan = outcome.plan();
        switch (format) {
            case "json" -> out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json(plan)));
            case "mermaid" -> mermaid(plan, out);
            default -> text(plan, out);
        }
        out.flush();
        return Cli.EXIT_OK;
    }

    private static void text(DeploymentPlan plan, PrintWriter out) {
        out.printf("network %s %s (%s)%n", plan.network().platform(), plan.network().version(), plan.network().source().name());
        for (OrganizationPlan op : plan.organizations()) {
            out.printf("%norganization %s  namespace %s  repository %s (%s) %s%n", op.organization().name(), op.namespace(),
                    Redaction.url(op.organization().gitops().url()), op.organization().gitops().branch(), op.organization().gitops().releaseDir());
            int i = 1;
            for (ReleasePlan r : op.releases()) {
                out.printf("  %d. %-40s %s@%s%s%n", i++, r.name(), r.chart(), r.chartVersion(),
                        r.dependsOn().isEmpty() ? "" : "  after " + String.join(", ", r.dependsOn()));
            }
            if (!op.secrets().isEmpty()) {
                out.printf("  secrets: %s%n", String.join(", ", op.secrets().stream().map(s -> s.name()).toList()));
            }
        }
    }

    private static Map<String, Object> json(DeploymentPlan plan) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("platform", plan.network().platform());
        root.put("version", plan.network().version());
        root.put("source", io.orca.render.Manifests.map("file", plan.network().source().name(), "sha256", plan.network().source().sha256()));
        List<Object> orgs = new ArrayList<>();
        for (OrganizationPlan op : plan.organizations()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", op.organization().name());
            o.put("namespace", op.namespace());
            o.put("repository", io.orca.render.Manifests.map("url", Redaction.url(op.organization().gitops().url()), "branch", op.organization().gitops().branch(),
                    "releaseDir", op.organization().gitops().releaseDir()));
            List<Object> releases = new ArrayList<>();
            for (ReleasePlan r : op.releases()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", r.name());
                m.put("component", r.component());
                m.put("chart", r.chart());
                m.put("chartVersion", r.chartVersion());
                m.put("dependsOn", r.dependsOn());
                releases.add(m);
            }
            o.put("releases", releases);
            o.put("secrets", op.secrets().stream().map(s -> s.name()).toList());
            orgs.add(o);
        }
        root.put("organizations", orgs);
        return root;
    }

    private static void mermaid(DeploymentPlan plan, PrintWriter out) {
        out.println("flowchart LR");
        for (OrganizationPlan op : plan.organizations()) {
            out.printf("  subgraph %s[\"%s (%s)\"]%n", id(op.namespace()), op.organization().name(), op.namespace());
            for (ReleasePlan r : op.releases()) {
                out.printf("    %s[\"%s<br/>%s\"]%n", id(r.name()), r.name(), r.chart());
            }
            out.println("  end");
        }
        for (OrganizationPlan op : plan.organizations()) {
            for (ReleasePlan r : op.releases()) {
                for (String d : r.dependsOn()) out.printf("  %s --> %s%n", id(d), id(r.name()));
            }
        }
    }

    private static String id(String name) {
        return name.replaceAll("[^A-Za-z0-9_]", "_");
    }
}
