package io.orca.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Options every command has, added by {@link Main} to each command of the tree (a command added later gets them
 * without a line of its own): {@code -q/--quiet}. They set process-wide switches in {@link Cli}.
 */
final class CommonOptions {
    @Option(names = {"-q", "--quiet"}, description = "no progress and no notes on stderr; errors and warnings still show")
    void quiet(boolean quiet) {
        Cli.quiet(quiet);
    }

    /** Adds the common options to {@code cl}'s subcommands, recursively (not to help, which has no options). */
    static void addTo(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (!spec.helpCommand() && !spec.mixins().containsKey("common")) {
                spec.addMixin("common", CommandSpec.forAnnotatedObject(new CommonOptions()));
            }
            addTo(sub);
        }
    }
}
