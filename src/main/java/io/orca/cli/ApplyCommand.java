package io.orca.cli;

import io.orca.app.ApplyService;
import io.orca.app.CredentialResolver;
import io.orca.app.Effects;
import io.orca.apply.ApplyOptions;
import io.orca.apply.ApplyReport;
import io.orca.apply.Cancellation;
import io.orca.model.Redaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code orca apply}: dev mode — the planned releases installed straight into each organization's cluster. */
@Command(name = "apply", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Install or upgrade each organization's releases directly in its cluster with Helm's engine (dev mode: no Git, no Flux).",
        footer = {"", "Examples:",
                "  orca apply network.yaml",
                "  orca apply network.yaml --org alpha --dry-run",
                "  orca apply network.yaml --atomic --timeout 10m",
                "",
                "Exit codes: 0 every release Ready (--dry-run: nothing would change);",
                "1 invalid network.yaml, a refusal or a failed release; 2 usage error;",
                "3 --dry-run: something would change; 130 interrupted."})
public class ApplyCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "" + ApplyOptions.DEFAULT_CONCURRENCY,
            description = "releases installed at once, across organizations (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "5m", converter = ClusterOptions.DurationConverter.class,
            description = "how long one release may take to become Ready, e.g. 90s, 5m (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--atomic", description = "roll a failed release back to its previous revision (remove a failed first install)")
    boolean atomic;

    @Option(names = "--dry-run", description = "change nothing: show per release what would change (values and manifest diff)")
    boolean dryRun;

    @Option(names = "--state-dir", paramLabel = "DIR", converter = Cli.Directory.class, defaultValue = ".orca/secrets",
            description = "where generated private material is also kept on this machine (default: ${DEFAULT-VALUE})")
    Path stateDir;

    @Override
    public Integer call() throws IOException {
        if (concurrency < 1 || concurrency > 256) {
            Cli.err().println("orca: --concurrency must be between 1 and 256: " + concurrency);
            return Cli.EXIT_USAGE;
        }
        Cli.Input input = Cli.read(cluster.file);
        if (input == null) return Cli.EXIT_USAGE;
        ApplyOptions options = ApplyOptions.DEFAULT.withConcurrency(concurrency).withTimeout(timeout).withAtomic(atomic)
                .withDryRun(dryRun);
        ApplyService.Request request = new ApplyService.Request(input.name(), input.bytes(), stateDir, cluster.selection(),
                options, CredentialResolver.system(), ApplyService.charts());
        Cancellation cancel = new Cancellation();
        ProgressPrinter progress = new ProgressPrinter(Cli.err());
        var helm = Effects.helm(Effects.KUBERNETES);
        ApplyService.Result r = Interrupts.run(cancel, () -> ApplyService.apply(request, helm, Effects.KUBERNETES, cancel, progress));
        if (r.planned() != null && r.planned().ok()) NetworkInput.warn(r.planned().warnings());
        if (r.refusal() != null) {
            Cli.err().println("orca: " + Redaction.text(r.refusal()));
            return r.exitCode();
        }
        if (r.report() == null) {
            NetworkInput.printDiagnostics(r.planned().report());
            return Cli.EXIT_INVALID;
        }
        ApplyReport report = r.report();
        Cli.out().print(Summaries.apply(report));
        Cli.out().flush();
        return report.exitCode();
    }
}
