package io.orca.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import io.orca.model.Redaction;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.List;

/** Entry point of the orca CLI. Starts no framework: commands are plain picocli objects over the use-case services. */
@Command(name = "orca", mixinStandardHelpOptions = true, version = "orca 0.1.0",
        description = "Deploys multi-organisation blockchain networks the GitOps way.")
public final class Main implements Runnable {
    /** The subcommands' names, in the order help lists them. */
    private static final List<String> COMMANDS =
            List.of("validate", "plan", "generate", "template", "publish", "diff", "schema", "secrets", "serve", "help");

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private static Object command(String name) {
        return switch (name) {
            case "validate" -> new ValidateCommand();
            case "plan" -> new PlanCommand();
            case "generate" -> new GenerateCommand();
            case "template" -> new TemplateCommand();
            case "publish" -> new PublishCommand();
            case "diff" -> new DiffCommand();
            case "schema" -> new SchemaCommand();
            case "secrets" -> new SecretsCommand();
            case "serve" -> new ServeCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException(name);
        };
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cl = commandLine(args);
        cl.setErr(Cli.err());
        cl.setOut(Cli.out());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // The file system refused (a full disk, a read-only folder): said as such, exit 1.
            IOException io = ex instanceof IOException i ? i : ex instanceof UncheckedIOException u ? u.getCause() : null;
            if (io != null) {
                Cli.err().println("orca: " + Redaction.text(ioMessage(io)));
                return Cli.EXIT_INVALID;
            }
            // Bad input is reported as diagnostics; reaching here is a bug, said in one line, never a stack trace.
            Cli.err().println("orca: internal error: " + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + Redaction.text(ex.getMessage().lines().findFirst().orElse(""))));
            Cli.err().println("orca: please report it with the input that caused it");
            return Cli.EXIT_INVALID;
        });
        int code = cl.execute(args);
        Cli.out().flush();
        Cli.err().flush();
        return code;
    }

    /**
     * The command line for these arguments. Picocli reflects over every registered command at start-up (~40 ms of a
     * cold start for the eight commands); when the first argument names a command and it is not {@code help}, only
     * that command is registered: parsing, options and exit codes are the same, and help, an unknown or a missing
     * command still see all of them.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new Main());
        if (args.length > 0 && !"help".equals(args[0]) && COMMANDS.contains(args[0])) {
            cl.addSubcommand(args[0], command(args[0]));
        } else {
            for (String name : COMMANDS) cl.addSubcommand(name, command(name));
        }
        return cl;
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

    /** "PATH: reason" for a file system error, else its message. */
    static String ioMessage(IOException e) {
        if (e instanceof FileSystemException f) {
            String reason = f.getReason() != null ? f.getReason()
                    : e instanceof java.nio.file.NoSuchFileException ? "no such file or folder"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileAlreadyExistsException ? "already exists"
                    : e instanceof java.nio.file.NotDirectoryException ? "not a folder" : e.getClass().getSimpleName();
            return f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + reason;
        }
        return "I/O error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    @Override
    public void run() {
        spec.commandLine().usage(Cli.err());
    }
}
