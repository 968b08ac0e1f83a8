package io.orca.cli;

import io.orca.app.DevMode;
import io.orca.app.Effects;
import io.orca.app.HistoryFormats;
import io.orca.app.HistoryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code orca rollback}: a new commit restoring the releases of an earlier publish; never a force push. */
@Command(name = "rollback", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Restore the releases of an earlier publish (a commit `orca history` lists) with a new commit on top: never a force push, other files untouched.",
        footer = {"", "Examples:",
                "  orca rollback network.yaml --to 3f2a9c1 --dry-run",
                "  orca rollback network.yaml --to 3f2a9c1 --org alpha",
                "  orca rollback network.yaml --to 3f2a9c1 --wait --timeout 10m",
                "", "Exit codes: 0 rolled back, or the releases were already so (with --wait: and Ready at the",
                "rollback commit); 1 invalid network.yaml, a refusal, a failed repository (the branch moved meanwhile:",
                "nothing pushed), with --wait a release failed or not Ready in time; 2 usage error (REV is no publish",
                "of this network, an unknown --org) or an unreadable FILE; 3 --dry-run: something would change;",
                "130 interrupted (a repository is either pushed or untouched)."})
public final class RollbackCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the network.yaml ('-' reads it from stdin)")
    Path file;

    @Option(names = "--to", paramLabel = "REV", required = true,
            description = "the publish to restore: a commit id (abbreviated or not) that `orca history` lists")
    String revision;

    @Option(names = "--org", paramLabel = "O", description = "only this organization's release_dir (repeatable; default: all)")
    List<String> organizations = new ArrayList<>();

    @Option(names = "--dry-run", description = "show what would change (files and a unified diff), push nothing")
    boolean dryRun;

    @Option(names = "--wait", description = "then follow each organization's cluster until Flux has the rollback commit and every release of it is Ready, or one failed")
    boolean await;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "5m", converter = ClusterOptions.DurationConverter.class,
            description = "how long --wait waits (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "with --wait: the kubeconfig, instead of network.yaml's k8s.config_file")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "with --wait: the kubeconfig context, instead of network.yaml's k8s.context")
    String context;

    @Option(names = "--local", description = "the embedded local repositories .orca/git/<org>.git (as publish --local)")
    boolean local;

    @Option(names = "--work-dir", paramLabel = "DIR", converter = Cli.Directory.class, defaultValue = "${env:ORCA_WORK_DIR}",
            description = "cache of fetched repositories (default: $ORCA_WORK_DIR, else ~/.cache/orca)")
    Path workDir;

    @Mixin
    TextOrJsonOption output;

    @Override
    public Integer call() throws Exception {
        String format = output.format();
        if (format == null) return Cli.EXIT_USAGE;
        if (await && dryRun) return Cli.usageError("--wait and --dry-run exclude each other: a dry run pushes nothing to wait for");
        Cli.Input input = Cli.read(file);
        if (input == null) return Cli.EXIT_USAGE;
        HistoryService.RollbackResult r = HistoryService.rollback(HistoryService.request(input.name(), input.bytes(),
                Path.of("").toAbsolutePath(), workDir, dryRun, local, new LinkedHashSet<>(organizations)), revision);
        if (r.refusal() != null) {
            Cli.err().println("orca: " + io.orca.model.Redaction.text(r.refusal()));
            return r.exitCode();
        }
        if (r.results() == null) {
            NetworkInput.printDiagnostics(r.report());
            return Cli.EXIT_INVALID;
        }
        int code = r.exitCode();
        List<HistoryService.Waited> waited = null;
        if (await && code == Cli.EXIT_OK) {
            if (format.equals("text")) {
                Cli.out().print(HistoryFormats.text(r, false));
                Cli.out().flush();
            }
            DevMode.Selection selection = new DevMode.Selection(new LinkedHashSet<>(), kubeconfig == null ? null : kubeconfig.toAbsolutePath(), context);
            waited = HistoryService.await(input.name(), input.bytes(), r, selection, timeout, Duration.ofSeconds(2), Effects.KUBERNETES);
            if (waited.stream().anyMatch(w -> !w.state().ready())) code = Cli.EXIT_INVALID;
            if (format.equals("text")) {
                Cli.out().print(io.orca.model.Redaction.text(HistoryFormats.text(waited)));
                Cli.out().println(HistoryFormats.summary(r, false));
            }
        } else if (format.equals("text")) {
            Cli.out().print(HistoryFormats.text(r, dryRun));
            Cli.out().println(HistoryFormats.summary(r, dryRun));
        }
        if (format.equals("json")) Output.json(HistoryFormats.json(r, dryRun, code, waited));
        Cli.out().flush();
        return code;
    }
}
