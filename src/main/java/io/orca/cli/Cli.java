package io.orca.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Shared plumbing of the commands: exit codes, streams, reading inputs. */
final class Cli {
    static final int EXIT_OK = 0;
    static final int EXIT_INVALID = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_CHANGES = 3;

    private static PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
    private static PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);

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
        out = o;
        err = e;
    }

    record Input(String name, byte[] bytes) {
    }

    /** Reads an input file, or reports why it can't be read (exit 2) and returns null. */
    static Input read(Path file) {
        try {
            if (Files.isDirectory(file)) {
                err.println("orca: " + file + " is a directory; give a network.yaml file");
                return null;
            }
            if (Files.size(file) > 64L * 1024 * 1024) {
                err.println("orca: " + file + " is too large to be a network.yaml");
                return null;
            }
            return new Input(file.toString(), Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            err.println("orca: " + file + ": no such file");
        } catch (AccessDeniedException e) {
            err.println("orca: " + file + ": permission denied");
        } catch (IOException e) {
            err.println("orca: " + file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        return null;
    }

    static int usageError(String message) {
        err.println("orca: " + message);
        return EXIT_USAGE;
    }
}
