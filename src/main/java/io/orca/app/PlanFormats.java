package io.orca.app;

import io.orca.plan.DeploymentPlan;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.ReleasePlan;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A plan as people and programs read it: text, JSON (plain maps) and a Mermaid flowchart. The CLI and the service share them. */
public final class PlanFormats {
    private PlanFormats() {
    }

    public static void text(DeploymentPlan plan, PrintWriter out) {
        out.printf("network %s %s (%s)%n", plan.network().platform(), plan.network().version(), plan.network().source().name());
        for (OrganizationPlan op : plan.organizations()) {
            out.printf("%norganization %s  namespace %s  repository %s (%s) %s%n", op.organization().name(), op.namespace(),
                    op.organization().gitops().url(), op.organization().gitops().branch(), op.organization().gitops().releaseDir());
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

    public static Map<String, Object> json(DeploymentPlan plan) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("platform", plan.network().platform());
        root.put("version", plan.network().version());
        root.put("source", map("file", plan.network().source().name(), "sha256", plan.network().source().sha256()));
        List<Object> orgs = new ArrayList<>();
        for (OrganizationPlan op : plan.organizations()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", op.organization().name());
            o.put("namespace", op.namespace());
            o.put("repository", map("url", op.organization().gitops().url(), "branch", op.organization().gitops().branch(),
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

    public static void mermaid(DeploymentPlan plan, PrintWriter out) {
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

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
