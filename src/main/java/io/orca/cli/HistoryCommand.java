package io.orca.cli;

import io.orca.app.HistoryFormats;
import io.orca.app.HistoryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code orca history}: the network's publishes per repository, from the repositories themselves. Writes nothing. */
@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List the network's publishes in each GitOps repository: commit, time, author and the releases each added, changed or removed. Writes nothing.",
        footer = {"", "Examples:",
                "  orca history network.yaml",
                "  orca history network.yaml --org alpha -n 5",
                "  orca history network.yaml -o json | jq -r '.repositories[].publishes[0].commit'",
                "", "Exit codes: 0 listed; 1 invalid network.yaml or a repository could not be read;",
                "2 usage error (an unknown --org) or an unreadable FILE; 130 interrupted."})
public final class HistoryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the network.yaml ('-' reads it from stdin)")
    Path file;

    @Option(names = "--org", paramLabel = "O", description = "only this organization's release_dir (repeatable; default: all)")
    List<String> organizations = new ArrayList<>();

    @Option(names = {"-n", "--max-count"}, paramLabel = "N", defaultValue = "0",
            description = "at most N publishes per repository, newest first (default: all)")
    int maxCount;

    @Option(names = "--local", description = "read every organization's embedded local repository .orca/git/<org>.git (as publish --local)")
    boolean local;

    @Option(names = "--work-dir", paramLabel = "DIR", converter = Cli.Directory.class, defaultValue = "${env:ORCA_WORK_DIR}",
            description = "cache of fetched repositories, used when it exists (default: $ORCA_WORK_DIR, else ~/.cache/orca)")
    Path workDir;

    @Mixin
    TextOrJsonOption output;

    @Override
    public Integer call() throws Exception {
        String format = output.format();
        if (format == null) return Cli.EXIT_USAGE;
        if (maxCount < 0) return Cli.usageError("--max-count must be 0 (all) or more: " + maxCount);
        Cli.Input input = Cli.read(file);
        if (input == null) return Cli.EXIT_USAGE;
        HistoryService.HistoryResult r = HistoryService.history(HistoryService.request(input.name(), input.bytes(),
                Path.of("").toAbsolutePath(), workDir, false, local, new LinkedHashSet<>(organizations)), maxCount);
        if (r.refusal() != null) {
            Cli.err().println("orca: " + io.orca.model.Redaction.text(r.refusal()));
            return r.exitCode();
        }
        if (r.logs() == null) {
            NetworkInput.printDiagnostics(r.report());
            return Cli.EXIT_INVALID;
        }
        if (format.equals("json")) Output.json(HistoryFormats.json(r));
        else Cli.out().print(HistoryFormats.text(r));
        Cli.out().flush();
        return r.exitCode();
    }
}
