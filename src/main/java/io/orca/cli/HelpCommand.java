package io.orca.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code orca help [COMMAND [SUBCOMMAND]]}: the usage of the command named, at any depth ({@code orca help secrets
 * keygen} shows keygen's; picocli's own help command stops at the first name).
 */
@Command(name = "help", helpCommand = true, description = "Show the usage of orca or of a command (e.g. 'orca help secrets keygen').",
        footer = {"", "Example:", "  orca help secrets keygen"})
final class HelpCommand implements Callable<Integer> {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "a command, and its subcommand")
    List<String> names = List.of();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.parent().commandLine();
        StringBuilder path = new StringBuilder();
        for (String name : names) {
            CommandLine sub = cl.getSubcommands().get(name);
            if (sub == null) {
                return Cli.usageError("unknown command '" + (path.isEmpty() ? "" : path + " ") + name + "'; "
                        + (cl.getSubcommands().isEmpty() ? "'orca help " + path + "' shows its usage"
                        : "one of: " + String.join(", ", cl.getSubcommands().keySet())));
            }
            path.append(path.isEmpty() ? "" : " ").append(name);
            cl = sub;
        }
        cl.usage(Cli.out());
        Cli.out().flush();
        return Cli.EXIT_OK;
    }
}
