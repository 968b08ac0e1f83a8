package io.orca.cli;

import io.orca.app.BootstrapService;
import io.orca.app.CredentialResolver;
import io.orca.app.Effects;
import io.orca.apply.Cancellation;
import io.orca.model.Redaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code orca bootstrap}: Flux installed and pointed at each organization's GitOps repository (as flux bootstrap). */
@Command(name = "bootstrap", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Install Flux's controllers (the version Orca pins) in each organization's cluster and point them at its",
                "GitOps repository: Git credentials, the sops-age key, the sync GitRepository and Kustomization, a webhook",
                "Receiver. Idempotent; changes only what Orca owns."},
        footer = {"", "Examples:",
                "  orca bootstrap network.yaml",
                "  orca bootstrap network.yaml --org alpha --dry-run",
                "  orca bootstrap network.yaml --kubeconfig ~/.kube/alpha --context alpha --org alpha",
                "",
                "Exit codes: 0 every cluster bootstrapped or already so (--dry-run: shown);",
                "1 invalid network.yaml, a refusal (another Flux version without --force) or a failed cluster;",
                "2 usage error; 130 interrupted (run it again: it completes what is missing)."})
public class BootstrapCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Option(names = "--dry-run", description = "change nothing: show what would be applied (Secret values redacted)")
    boolean dryRun;

    @Option(names = "--force", description = "replace a Flux of another version found in the cluster with the one Orca pins")
    boolean force;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "5m", converter = ClusterOptions.DurationConverter.class,
            description = "how long the controllers may take to become Ready, e.g. 90s, 5m (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--orca-dir", paramLabel = "DIR", defaultValue = ".orca",
            description = "Orca's folder: the organizations' age keys are DIR/age/ORG.agekey (default: ${DEFAULT-VALUE})")
    Path orcaDir;

    @Option(names = "--state-dir", paramLabel = "DIR", converter = Cli.Directory.class,
            defaultValue = "${env:ORCA_STATE_DIR:-.orca/secrets}",
            description = "where the Receivers' tokens are kept with the other private material (default: $ORCA_STATE_DIR, else .orca/secrets)")
    Path stateDir;

    @Override
    public Integer call() throws IOException {
        Cli.Input input = Cli.read(cluster.file);
        if (input == null) return Cli.EXIT_USAGE;
        BootstrapService.Request request = new BootstrapService.Request(input.name(), input.bytes(), cluster.selection(),
                orcaDir, stateDir, dryRun, force, timeout, CredentialResolver.system());
        Cancellation cancel = new Cancellation();
        Interrupts.note("the objects applied so far stay; run orca bootstrap again to complete it");
        BootstrapService.Result r = Interrupts.run(cancel, () -> {
            try {
                return BootstrapService.bootstrap(request, Effects.KUBERNETES, cancel);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        });
        if (r == null) {
            Cli.err().println("orca: interrupted; the objects applied so far stay: run orca bootstrap again to complete it");
            return Cli.EXIT_INTERRUPTED;
        }
        if (r.planned() != null && r.planned().ok()) NetworkInput.warn(r.planned().warnings());
        NetworkInput.warn(r.warnings());
        if (r.refusal() != null) {
            Cli.err().println("orca: " + Redaction.text(r.refusal()));
            return r.exitCode();
        }
        if (r.organizations() == null) {
            NetworkInput.printDiagnostics(r.planned().report());
            return Cli.EXIT_INVALID;
        }
        print(r, Cli.out(), Cli.err());
        return r.exitCode();
    }

    private void print(BootstrapService.Result r, PrintWriter out, PrintWriter err) {
        int changed = 0;
        int unchanged = 0;
        int failed = 0;
        for (BootstrapService.OrgResult o : r.organizations()) {
            if (o.failed()) {
                failed++;
                err.println("orca: organization '" + o.organization() + "': " + Redaction.text(o.failure()));
                if (o.hint() != null) err.println("  hint: " + o.hint());
                continue;
            }
            if (dryRun) {
                out.println("# organization " + o.organization() + ", " + o.target() + ", namespace " + o.fluxNamespace());
                for (BootstrapService.Change c : o.changes()) {
                    out.println("#   " + label(c.action()) + "  " + c.object() + (c.note() == null ? "" : "  (" + c.note() + ")"));
                }
                for (String doc : o.shown()) out.print("---\n" + doc);
            }
            if (o.changed()) changed++;
            else unchanged++;
            out.println(o.organization() + ": " + (o.changed() ? (dryRun ? "would change " : "changed ")
                    + (o.count(BootstrapService.Action.CREATE) + o.count(BootstrapService.Action.UPDATE)) + " objects ("
                    + o.count(BootstrapService.Action.CREATE) + (dryRun ? " to create, " : " created, ")
                    + o.count(BootstrapService.Action.UPDATE) + (dryRun ? " to update)" : " updated)")
                    : "no change") + ", " + o.count(BootstrapService.Action.UNCHANGED) + " unchanged, "
                    + o.count(BootstrapService.Action.KEPT) + " not Orca's left as they are; Flux " + io.orca.render.FluxInstall.VERSION
                    + " in " + o.fluxNamespace());
        }
        out.println(r.organizations().size() + " organizations: " + changed + (dryRun ? " would change, " : " changed, ")
                + unchanged + " unchanged, " + failed + " failed" + (dryRun ? " (dry run: nothing written)" : ""));
        out.flush();
        err.flush();
    }

    private String label(BootstrapService.Action a) {
        return switch (a) {
            case CREATE -> dryRun ? "would create" : "created";
            case UPDATE -> dryRun ? "would update" : "updated";
            case UNCHANGED -> "unchanged";
            case KEPT -> "kept";
        };
    }
}
