package io.orca.cli;

import picocli.CommandLine.Command;

/** {@code orca diff}: {@code orca publish --dry-run}. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Show what publish would change in each repository: files and a unified diff. Pushes nothing.",
        footer = {"", "Exit codes: 0 nothing would change, 3 something would, 1 error, 2 usage error."})
public final class DiffCommand extends PublishCommand {
    @Override
    boolean diffOnly() {
        return true;
    }
}
