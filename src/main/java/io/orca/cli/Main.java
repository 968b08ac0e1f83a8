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
@Command(name = "orca", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Deploys multi-organisation blockchain networks the GitOps way.",
        footer = {"", "Examples:",
                "  orca validate network.yaml",
                "  orca publish network.yaml --dry-run",
                "  orca help secrets keygen",
                "",
                "Environment:",
                "  ORCA_STATE_DIR   default of --state-dir (private material kept on this machine; .orca/secrets)",
                "  ORCA_WORK_DIR    default of --work-dir (cache of fetched repositories; ~/.cache/orca)",
                "  ORCA_OUTPUT      default of -o/--output (json, ...) where the command knows that format",
                "  ORCA_PROGRESS    auto (default: on a terminal), plain (lines, for CI logs) or off",
                "  ORCA_JAVA, ORCA_JAVA_OPTS, ORCA_TRAIN   the launcher's (see README.md)",
                "",
                "Exit codes (every command): 0 done; 1 failed (invalid network.yaml, a refusal, a failed repository",
                "or chart); 2 usage error or an unreadable FILE; 3 changes pending (diff, publish or rollback --dry-run);",
                "130 interrupted (Ctrl-C). Details: docs/cli.md."})
public final class Main implements Runnable {
    /** The subcommands' names, in the order help lists them. */
    private static final List<String> COMMANDS = List.of("validate", "plan", "generate", "template", "publish", "diff",
            "bootstrap", "history", "rollback", "apply", "status", "destroy", "schema", "secrets", "serve", "completion",
            "version", "help");

    /** Commands that see every command: help lists them, completion scripts them. */
    private static final List<String> WHOLE_TREE = List.of("help", "completion");

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private static Object command(String name) {
        return switch (name) {
            case "validate" -> new ValidateCommand();
            case "plan" -> new PlanCommand();
            case "generate" -> new GenerateCommand();
            case "template" -> new TemplateCommand();
            case "publish" -> new PublishCommand();
            case "diff" -> new DiffCommand();
            case "bootstrap" -> new BootstrapCommand();
            case "history" -> new HistoryCommand();
            case "rollback" -> new RollbackCommand();
            case "apply" -> new ApplyCommand();
            case "status" -> new StatusCommand();
            case "destroy" -> new DestroyCommand();
            case "schema" -> new SchemaCommand();
            case "secrets" -> new SecretsCommand();
            case "serve" -> new ServeCommand();
            case "completion" -> new CompletionCommand();
            case "version" -> new VersionCommand();
            case "help" -> new HelpCommand();
            default -> throw new IllegalArgumentException(name);
        };
    }

    public static void main(String[] args) {
        Interrupts.install();
        System.exit(run(args));
    }

    public static int run(String... args) {
        Cli.quiet(false);
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
        if (args.length > 0 && !WHOLE_TREE.contains(args[0]) && COMMANDS.contains(args[0])) {
            cl.addSubcommand(args[0], command(args[0]));
        } else {
            for (String name : COMMANDS) cl.addSubcommand(name, command(name));
        }
        CommonOptions.addTo(cl);
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
