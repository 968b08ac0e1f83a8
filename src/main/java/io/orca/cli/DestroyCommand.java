package io.orca.cli;

import io.orca.app.DestroyService;
import io.orca.app.Effects;
import io.orca.apply.Cancellation;
import io.orca.apply.DestroyEngine;
import io.orca.apply.ReleaseResult;
import io.orca.model.Redaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.Console;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code orca destroy}: dev mode — what orca apply installed, removed from each organization's cluster. */
@Command(name = "destroy", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Uninstall what orca apply installed (dependents first), wait until its Pods are gone, and delete the namespaces it created.",
        footer = {"", "Examples:",
                "  orca destroy network.yaml --org alpha",
                "  orca destroy network.yaml --yes --purge-data",
                "",
                "Volume claims and generated key material are kept (and the namespace",
                "holding them) unless --purge-data.",
                "Exit codes: 0 destroyed, or nothing was there; 1 a release or a namespace",
                "could not be removed, invalid network.yaml; 2 usage error (no --yes when not",
                "on a terminal, an unknown --org); 130 interrupted."})
public class DestroyCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Option(names = "--yes", description = "do not ask for confirmation (required when not on a terminal)")
    boolean yes;

    @Option(names = "--purge-data", description = "also delete the volume claims and the Secrets of generated key material (node identities are lost)")
    boolean purgeData;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "5m", converter = ClusterOptions.DurationConverter.class,
            description = "how long to wait for Pods and namespaces to be gone (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Override
    public Integer call() throws IOException {
        Cli.Input input = Cli.read(cluster.file);
        if (input == null) return Cli.EXIT_USAGE;
        if (!yes) {
            Console console = System.console();
            if (console == null) {
                Cli.err().println("orca: destroy removes releases from the clusters: confirm with --yes (not on a terminal)");
                return Cli.EXIT_USAGE;
            }
            String answer = console.readLine("Destroy the releases of %s%s%s? Type yes: ", input.name(),
                    cluster.organizations.isEmpty() ? "" : " (" + String.join(", ", cluster.organizations) + ")",
                    purgeData ? " and PURGE their data" : "");
            if (answer == null || !answer.strip().equals("yes")) {
                Cli.err().println("orca: not confirmed; nothing done");
                return Cli.EXIT_USAGE;
            }
        }
        Cancellation cancel = new Cancellation();
        DestroyEngine.Options options = new DestroyEngine.Options(purgeData, timeout, DestroyEngine.Options.DEFAULT.pollMillis());
        var helm = Effects.helm(Effects.KUBERNETES);
        DestroyService.Result r = Interrupts.run(cancel, () -> DestroyService.destroy(input.name(), input.bytes(),
                cluster.selection(), null, options, helm, Effects.KUBERNETES, cancel,
                new ProgressPrinter(Cli.err())));
        if (r.refusal() != null) {
            Cli.err().println("orca: " + Redaction.text(r.refusal()));
            return r.exitCode();
        }
        if (r.report() == null) {
            NetworkInput.printDiagnostics(r.planned().report());
            return Cli.EXIT_INVALID;
        }
        Cli.out().print(Redaction.text(text(r.report())));
        Cli.out().flush();
        return r.exitCode();
    }

    static String text(DestroyEngine.Report report) {
        List<ReleaseResult> releases = new ArrayList<>();
        StringBuilder notes = new StringBuilder();
        for (DestroyEngine.OrganizationResult o : report.organizations()) {
            releases.addAll(o.releases());
            for (String n : o.notes()) notes.append("organization ").append(o.organization()).append(": ").append(n).append('\n');
            if (o.failure() != null) notes.append("organization ").append(o.organization()).append(" (").append(o.cluster())
                    .append("): ").append(o.failure()).append('\n');
        }
        StringBuilder b = new StringBuilder();
        if (!releases.isEmpty()) b.append(Summaries.table(releases));
        b.append(notes).append(Summaries.failures(releases));
        b.append(Summaries.counts(releases)).append(" in ").append(Summaries.duration(report.duration()))
                .append(report.cancelled() ? " (interrupted)" : "").append('\n');
        return b.toString();
    }
}
