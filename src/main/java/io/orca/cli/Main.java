package io.orca.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** Entry point of the orca CLI. Starts no framework: commands are plain picocli objects over the use-case services. */
@Command(name = "orca", mixinStandardHelpOptions = true, version = "orca 0.1.0",
        description = "Deploys multi-organisation blockchain networks the GitOps way.",
        subcommands = {ValidateCommand.class, PlanCommand.class, GenerateCommand.class, TemplateCommand.class, PublishCommand.class, DiffCommand.class, SchemaCommand.class, SecretsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setErr(Cli.err());
        cl.setOut(Cli.out());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // Bad input is reported as diagnostics; reaching here is a bug, said in one line, never a stack trace.
            Cli.err().println("orca: internal error: " + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + ex.getMessage().lines().findFirst().orElse("")));
            Cli.err().println("orca: please report it with the input that caused it");
            return Cli.EXIT_INVALID;
        });
        int code = cl.execute(args);
        Cli.out().flush();
        Cli.err().flush();
        return code;
    }

    /** Runs a command with its output captured (tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        Cli.streams(out, err);
        try {
            return run(args);
        } finally {
            Cli.streams(new PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), false),
                    new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true));
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(Cli.err());
    }
}
