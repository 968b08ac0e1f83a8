package io.orca.cli;

import io.orca.app.CredentialResolver;
import io.orca.app.PublishService;
import io.orca.publish.PublishOptions;
import io.orca.report.DiagnosticFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code orca publish}: one commit per repository per change, or with --dry-run the diff. */
@Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Validate, generate and publish each organization's releases to its GitOps repository.",
        footer = {"", "Exit codes: 0 published (or nothing to do); with --dry-run 0 nothing would change, 3 something would;",
                "1 invalid network.yaml, a refused Secret or a failed repository; 2 usage error."})
public class PublishCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the network.yaml")
    Path file;

    @Option(names = "--dry-run", description = "show what would change (files and a unified diff), push nothing")
    boolean dryRun;

    @Option(names = "--local", description = "publish every organization to its embedded local repository .orca/git/<org>.git")
    boolean local;

    @Option(names = "--work-dir", paramLabel = "DIR", converter = Cli.Directory.class, description = "cache of fetched repositories (default: ~/.cache/orca)")
    Path workDir;

    @Option(names = "--state-dir", paramLabel = "DIR", converter = Cli.Directory.class, defaultValue = ".orca/secrets",
            description = "where generated private material is kept on this machine (default: ${DEFAULT-VALUE})")
    Path stateDir;

    boolean diffOnly() {
        return dryRun;
    }

    @Override
    public Integer call() {
        Cli.Input input = Cli.read(file);
        if (input == null) return Cli.EXIT_USAGE;
        PublishOptions options = PublishOptions.defaults(workDir == null ? PublishOptions.defaultWorkDir() : workDir)
                .withDryRun(diffOnly());
        PublishService.Result r = PublishService.publish(new PublishService.Request(input.name(), input.bytes(),
                Path.of("").toAbsolutePath(), stateDir, options, local, CredentialResolver.system()));
        r.warnings().forEach(w -> Cli.err().println("orca: " + io.orca.model.Redaction.text(w.startsWith("warning") ? w : "warning: " + w)));
        if (r.refusal() != null) {
            Cli.err().println("orca: " + io.orca.model.Redaction.text(r.refusal()));
            return Cli.EXIT_INVALID;
        }
        if (!r.outcome().ok()) {
            DiagnosticFormat.TEXT.write(List.of(new DiagnosticFormat.FileDiagnostics(r.outcome().report().load().source(),
                    r.outcome().diagnostics())), Cli.err());
            return Cli.EXIT_INVALID;
        }
        Cli.out().print(r.report().render(diffOnly()));
        Cli.out().flush();
        return r.report().exitCode();
    }
}
