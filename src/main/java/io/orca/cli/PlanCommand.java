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
import java.util.concurrent.Callable;

/** {@code orca plan}: the releases of every organization and their order, as text, JSON or a Mermaid diagram. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Print the Helm releases per organization and their order.",
        footer = {"", "Examples:",
                "  orca plan network.yaml",
                "  orca plan network.yaml -o json | jq '.organizations[].releases[].name'",
                "  orca plan network.yaml -o mermaid > network.mmd",
                "  cat network.yaml | orca plan -",
                "", "Exit codes: 0 planned, 1 invalid network.yaml or unsupported platform, 2 usage error or an unreadable FILE."})
public final class PlanCommand implements Callable<Integer> {
    @Mixin
    NetworkInput input;

    @Option(names = {"-o", "--output", "--format"}, paramLabel = "FORMAT",
            description = "text (default), json or mermaid (default: $ORCA_OUTPUT when it is one of them)")
    String format;

    @Override
    public Integer call() throws Exception {
        String format = Output.resolve(this.format, "text", "json", "mermaid");
        if (format == null) return Cli.EXIT_USAGE;
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
