package io.orca.cli;

import io.orca.app.PlanningService;
import io.orca.app.TemplateService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code orca template}: every release's chart rendered with its values by Helm's engine, as plain manifests. */
@Command(name = "template", mixinStandardHelpOptions = true,
        description = "Render every release's chart with Orca's values into DIR/<organization>/<release>.yaml.",
        footer = {"", "Exit codes: 0 rendered, 1 invalid network.yaml, unsupported platform or a chart failed, 2 usage error or an unreadable FILE."})
public final class TemplateCommand implements Callable<Integer> {
    @Mixin
    NetworkInput input;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", converter = Cli.Directory.class, description = "output folder")
    Path out;

    @Override
    public Integer call() throws Exception {
        PlanningService.Planned planned = input.plan();
        if (planned == null) return input.failure;
        TemplateService.Result result = TemplateService.render(planned.plan());
        if (!result.failures().isEmpty()) {
            result.failures().forEach((release, message) -> Cli.err().println("orca: " + release + ": " + message));
            return Cli.EXIT_INVALID;
        }
        TemplateService.write(result, out);
        Cli.out().printf("%s: %d releases rendered%n", out, result.manifests().size());
        Cli.out().flush();
        return Cli.EXIT_OK;
    }
}
