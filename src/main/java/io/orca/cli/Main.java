package io.orca.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the orca CLI. Starts no framework: commands are plain picocli objects. */
@Command(name = "orca", mixinStandardHelpOptions = true, version = "orca 0.1.0",
        description = "Deploys multi-organisation blockchain networks the GitOps way.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
