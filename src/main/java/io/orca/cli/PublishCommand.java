package io.orca.cli;

import io.orca.app.PublishFormats;
import io.orca.app.PublishService;
import io.orca.app.ReceiverCalls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code orca publish}: one commit per repository per change, or with --dry-run the diff. */
@Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Validate, generate and publish each organization's releases to its GitOps repository.",
        footer = {"", "Examples:",
                "  orca publish network.yaml",
                "  orca publish network.yaml --dry-run",
                "  orca publish network.yaml --local -o json | jq -r '.repositories[] | .status + \" \" + .url'",
                "", "Exit codes: 0 published (or nothing to do); with --dry-run 0 nothing would change, 3 something would;",
                "1 invalid network.yaml, a refused Secret or a failed repository; 2 usage error or an unreadable FILE;",
                "130 interrupted (Ctrl-C: a repository is either pushed or untouched; run it again)."})
public class PublishCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the network.yaml ('-' reads it from stdin)")
    Path file;

    @Option(names = "--dry-run", description = "show what would change (files and a unified diff), push nothing")
    boolean dryRun;

    @Option(names = "--local", description = "publish every organization to its embedded local repository .orca/git/<org>.git")
    boolean local;

    @Option(names = "--work-dir", paramLabel = "DIR", converter = Cli.Directory.class, defaultValue = "${env:ORCA_WORK_DIR}",
            description = "cache of fetched repositories (default: $ORCA_WORK_DIR, else ~/.cache/orca)")
    Path workDir;

    @Option(names = "--state-dir", paramLabel = "DIR", converter = Cli.Directory.class,
            defaultValue = "${env:ORCA_STATE_DIR:-.orca/secrets}",
            description = "where generated private material is kept on this machine (default: $ORCA_STATE_DIR, else .orca/secrets)")
    Path stateDir;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "text (default) or json: the per-repository result on stdout (default: $ORCA_OUTPUT when it is one of them)")
    String output;

    boolean diffOnly() {
        return dryRun;
    }

    @Override
    public Integer call() throws Exception {
        String format = Output.resolve(output, "text", "json");
        if (format == null) return Cli.EXIT_USAGE;
        Cli.Input input = Cli.read(file);
        if (input == null) return Cli.EXIT_USAGE;
        PublishService.Result r;
        try (Progress progress = Progress.start()) {
            r = PublishService.publish(PublishService.request(input.name(), input.bytes(),
                    Path.of("").toAbsolutePath(), stateDir, workDir, diffOnly(), local), progress);
        }
        NetworkInput.warn(r.warnings());
        if (r.refusal() != null) {
            Cli.err().println("orca: " + io.orca.model.Redaction.text(r.refusal()));
            return Cli.EXIT_INVALID;
        }
        if (!r.outcome().ok()) {
            NetworkInput.printDiagnostics(r.outcome().report());
            return Cli.EXIT_INVALID;
        }
        int code = r.exitCode();
        if (format.equals("json")) {
            Output.json(PublishFormats.json(r, diffOnly(), code));
        } else {
            Cli.out().print(r.text(diffOnly()));
            Cli.out().println(PublishFormats.summary(r, diffOnly()));
            Cli.out().flush();
        }
        if (!diffOnly()) notifyFlux(r);
        return code;
    }

    /** Calls the Flux receivers of the organizations whose repository got a commit (decision 0028): notes, or warnings. */
    private void notifyFlux(PublishService.Result r) throws InterruptedException {
        for (ReceiverCalls.Call c : ReceiverCalls.afterPublish(r, stateDir, ReceiverCalls.HTTP)) {
            if (!c.ok()) NetworkInput.warn(java.util.List.of(c.message()));
            else if (!Cli.quiet()) Cli.err().println("orca: " + io.orca.model.Redaction.text(c.message()));
        }
        Cli.err().flush();
    }
}
