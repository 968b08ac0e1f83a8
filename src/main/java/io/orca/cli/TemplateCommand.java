package io.orca.cli;

import io.orca.app.OutputFolder;
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
        footer = {"", "Examples:",
                "  orca template network.yaml --out build/manifests",
                "  orca template network.yaml --out build/manifests && kubectl apply --dry-run=client -R -f build/manifests",
                "", "Exit codes: 0 rendered, 1 invalid network.yaml, unsupported platform or a chart failed, 2 usage error,",
                "an unreadable FILE or a symbolic link under DIR (nothing written), 130 interrupted (Ctrl-C; DIR may then hold part of the output)."})
public final class TemplateCommand implements Callable<Integer> {
    @Mixin
    NetworkInput input;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", converter = Cli.Directory.class, description = "output folder")
    Path out;

    @Override
    public Integer call() throws Exception {
        PlanningService.Planned planned = input.plan();
        if (planned == null) return input.failure;
        TemplateService.Result result;
        // Helm's engine runs in-process and takes SIGINT over: the guard keeps Ctrl-C working (Interrupts).
        try (Progress progress = Progress.start(); AutoCloseable guard = Interrupts.guard()) {
            result = TemplateService.render(planned.plan(), progress);
        }
        if (!result.failures().isEmpty()) {
            result.failures().forEach((release, message) -> Cli.err().println("orca: " + release + ": " + message));
            Cli.err().println("orca: " + result.failures().size() + " of " + (result.failures().size() + result.manifests().size())
                    + " releases failed to render; nothing written");
            return Cli.EXIT_INVALID;
        }
        Interrupts.note(out + " may hold part of the output: run the command again");
        try {
            TemplateService.write(result, out);
        } catch (OutputFolder.OutsideFolderException e) {
            Interrupts.note(null);
            Cli.err().println("orca: " + e.getMessage());
            return Cli.EXIT_USAGE;
        }
        Interrupts.note(null);
        long orgs = result.manifests().keySet().stream().map(k -> k.substring(0, k.indexOf('/'))).distinct().count();
        Cli.out().printf("%s: %d releases rendered for %d organizations%n", out, result.manifests().size(), orgs);
        Cli.out().flush();
        return Cli.EXIT_OK;
    }
}
