package io.orca.cli;

import picocli.CommandLine.Command;

/** {@code orca diff}: {@code orca publish --dry-run}. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Show what publish would change in each repository: files and a unified diff. Pushes nothing.",
        footer = {"", "Examples:",
                "  orca diff network.yaml",
                "  orca diff network.yaml -o json | jq '[.repositories[] | select(.status == \"would_change\")] | length'",
                "", "Exit codes: 0 nothing would change, 3 something would, 1 error, 2 usage error or an unreadable FILE,",
                "130 interrupted."})
public final class DiffCommand extends PublishCommand {
    @Override
    boolean diffOnly() {
        return true;
    }
}
