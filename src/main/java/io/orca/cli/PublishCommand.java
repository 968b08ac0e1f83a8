package io.orca.cli;

import io.orca.app.PublishService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
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

    @Option(names = "--work-dir", paramLabel = "DIR", description = "cache of fetched repositories (default: ~/.cache/orca)")
    Path workDir;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".orca/secrets",
            description = "where generated private material is kept on this machine (default: ${DEFAULT-VALUE})")
    Path stateDir;

    boolean diffOnly() {
        return dryRun;
    }

    @Override
    public Integer call() {
        Cli.Input input = Cli.read(file);
        if (input == null) return Cli.EXIT_USAGE;
        PublishService.Result r = PublishService.publish(PublishService.request(input.name(), input.bytes(),
                Path.of("").toAbsolutePath(), stateDir, workDir, diffOnly(), local));
        NetworkInput.warn(r.warnings());
        if (r.refusal() != null) {
            Cli.err().println("orca: " + r.refusal());
            return Cli.EXIT_INVALID;
        }
        if (!r.outcome().ok()) {
            NetworkInput.printDiagnostics(r.outcome().report());
            return Cli.EXIT_INVALID;
        }
        Cli.out().print(r.text(diffOnly()));
        Cli.out().flush();
        return r.exitCode();
    }
}
