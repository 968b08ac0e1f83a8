package io.orca.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.orca.app.PlanFormats;
import io.orca.app.PlanningService;
import io.orca.plan.DeploymentPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code orca plan}: the releases of every organization and their order, as text, JSON or a Mermaid diagram. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Print the Helm releases per organization and their order.",
        footer = {"", "Exit codes: 0 planned, 1 invalid network.yaml or unsupported platform, 2 usage error or an unreadable FILE."})
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
        PlanningService.Planned planned = input.plan();
        if (planned == null) return input.failure;
        PrintWriter out = Cli.out();
        DeploymentPlan plan = planned.plan();
        switch (format) {
            case "json" -> out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(PlanFormats.json(plan)));
            case "mermaid" -> PlanFormats.mermaid(plan, out);
            default -> PlanFormats.text(plan, out);
        }
        out.flush();
        return Cli.EXIT_OK;
    }
}
