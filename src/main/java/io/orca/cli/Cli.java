package io.orca.cli;

import io.orca.load.InputFiles;
import io.orca.load.YamlLoader;
import io.orca.diag.Printable;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Shared plumbing of the commands: the exit-code rule, streams, reading inputs (a path or {@code -} for stdin), the
 * environment variables of the common options. The rule (docs/cli.md, decision 0024), the same for every command:
 * 0 done; 1 the command ran and failed (invalid network.yaml, a refusal, a repository or chart that failed);
 * 2 usage error: a bad option, or an input FILE that cannot be read (missing, a folder, too large);
 * 3 only for "something would change" (diff, publish --dry-run); 130 interrupted (Ctrl-C), 143 terminated.
 */
final class Cli {
    static final int EXIT_OK = 0;
    static final int EXIT_INVALID = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_CHANGES = 3;
    static final int EXIT_INTERRUPTED = 130;
    static final int EXIT_TERMINATED = 143;

    /** The name an input read from stdin ({@code -}) is reported under. */
    static final String STDIN = "<stdin>";

    /** Environment variables of the common options (listed in {@code orca --help}, docs/cli.md). */
    static final String ENV_STATE_DIR = "ORCA_STATE_DIR";
    static final String ENV_WORK_DIR = "ORCA_WORK_DIR";
    static final String ENV_OUTPUT = "ORCA_OUTPUT";
    static final String ENV_PROGRESS = "ORCA_PROGRESS";

    private static java.io.InputStream in = System.in;
    private static volatile boolean quiet;

    private static PrintWriter out = safe(new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), false), false);
    private static PrintWriter err = safe(new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true), true);

    private Cli() {
    }

    static PrintWriter out() {
        return out;
    }

    static PrintWriter err() {
        return err;
    }

    /** Redirects the streams (tests run commands in-process). */
    static void streams(PrintWriter o, PrintWriter e) {
        out = safe(o, false);
        err = safe(e, true);
    }

    /** From now on nothing is printed (the process is exiting on a signal; see {@link Interrupts}). */
    static void silence() {
        PrintWriter none = new PrintWriter(java.io.Writer.nullWriter());
        out = none;
        err = none;
        Progress.stopAll();
    }

    /** Redirects stdin (tests). */
    static void stdin(java.io.InputStream i) {
        in = i;
    }

    /** {@code --quiet}: no progress, no notes on stderr; errors and warnings still say what went wrong. */
    static boolean quiet() {
        return quiet;
    }

    static void quiet(boolean q) {
        quiet = q;
    }

    /**
     * A stream that escapes control characters (ESC, BEL, C1, bidi overrides...) whatever prints to it: text from
     * network.yaml, a file name or a remote's message never reaches the terminal raw (see {@link Printable}).
     */
    private static PrintWriter safe(PrintWriter w, boolean autoFlush) {
        return new PrintWriter(Printable.writer(w), autoFlush);
    }

    record Input(String name, byte[] bytes) {
    }

    /**
     * Reads an input network.yaml (a regular file within the loader's size limit, or stdin for {@code -}), or reports
     * why it can't be read and returns null: the caller exits {@link #EXIT_USAGE}, as every command does for an
     * unreadable FILE.
     */
    static Input read(Path file) {
        if (isStdin(file)) return readStdin();
        try {
            return new Input(file.toString(), InputFiles.read(file, YamlLoader.MAX_BYTES));
        } catch (InputFiles.UnreadableFileException e) {
            err.println("orca: " + file + ": " + e.reason()
                    + (e.tooLarge() ? " (is it a network.yaml?)" : ""));
            return null;
        }
    }

    static boolean isStdin(Path file) {
        return file != null && file.toString().equals("-");
    }

    /** Stdin up to the loader's size limit (one byte more tells that it is larger). */
    static Input readStdin() {
        try {
            byte[] bytes = in.readNBytes(YamlLoader.MAX_BYTES + 1);
            if (bytes.length > YamlLoader.MAX_BYTES) {
                err.println("orca: " + STDIN + ": is larger than the limit of " + InputFiles.size(YamlLoader.MAX_BYTES)
                        + " (is it a network.yaml?)");
                return null;
            }
            return new Input(STDIN, bytes);
        } catch (java.io.IOException e) {
            err.println("orca: " + STDIN + ": read failed (" + e.getMessage() + ")");
            return null;
        }
    }

    /**
     * A folder option (--out, --state-dir, --work-dir): refused as a usage error (exit 2) when the path, or the nearest
     * of its ancestors that exists, is not a folder (a file, /dev/null), or when it is not a valid path at all.
     */
    static final class Directory implements CommandLine.ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            Path p;
            try {
                p = Path.of(value);
            } catch (InvalidPathException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a valid path (" + e.getReason() + ")");
            }
            if (value.isBlank()) throw new CommandLine.TypeConversionException("the folder is empty");
            for (Path a = p.toAbsolutePath(); a != null; a = a.getParent()) {
                if (!Files.exists(a)) continue;
                if (Files.isDirectory(a)) return p;
                throw new CommandLine.TypeConversionException("'" + value + "' is not a folder: "
                        + (a.equals(p.toAbsolutePath()) ? "it is" : a + " is") + " a file" + (Files.isRegularFile(a) ? "" : " or device"));
            }
            return p;
        }
    }

    static int usageError(String message) {
        err.println("orca: " + message);
        return EXIT_USAGE;
    }
}
