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

/** Shared plumbing of the commands: exit codes, streams, reading inputs. */
final class Cli {
    static final int EXIT_OK = 0;
    static final int EXIT_INVALID = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_CHANGES = 3;

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
     * Reads an input network.yaml (a regular file within the loader's size limit), or reports why it can't be read
     * (exit 2) and returns null.
     */
    static Input read(Path file) {
        try {
            return new Input(file.toString(), InputFiles.read(file, YamlLoader.MAX_BYTES));
        } catch (InputFiles.UnreadableFileException e) {
            err.println("orca: " + file + ": " + e.reason()
                    + (e.tooLarge() ? " (is it a network.yaml?)" : ""));
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
