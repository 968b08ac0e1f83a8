package io.orca.cli;

import io.orca.diag.Printable;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Progress of a long command on stderr (docs/cli.md): on a terminal one line redrawn in place ({@code done/total},
 * the current organization), at most ten times a second, erased at the end; with {@code ORCA_PROGRESS=plain} a plain
 * line at every tenth (CI logs); nothing when stderr is not a terminal, with {@code --quiet} or
 * {@code ORCA_PROGRESS=off}. Stdout never carries progress: it is the command's data.
 */
final class Progress implements io.orca.app.Progress, AutoCloseable {
    enum Mode { TERMINAL, PLAIN, OFF }

    private static volatile Progress active;
    private static volatile boolean stopped;

    private final Mode mode;
    private final PrintStream terminal;
    private long lastDraw;
    private int lastTenth = -1;
    private boolean drawn;

    private Progress(Mode mode) {
        this.mode = mode;
        this.terminal = mode == Mode.TERMINAL ? new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                StandardCharsets.UTF_8) : null;
    }

    /** A progress for the command now running, in the mode its environment asks for. */
    static Progress start() {
        Progress p = new Progress(mode());
        active = p;
        return p;
    }

    static Mode mode() {
        if (Cli.quiet()) return Mode.OFF;
        String env = System.getenv(Cli.ENV_PROGRESS);
        if (env != null) {
            switch (env.toLowerCase(Locale.ROOT)) {
                case "plain": return Mode.PLAIN;
                case "off", "0", "false", "never": return Mode.OFF;
                case "terminal", "always": return Mode.TERMINAL;
                default: break; // auto
            }
        }
        return stderrIsTerminal() ? Mode.TERMINAL : Mode.OFF;
    }

    /** Linux: file descriptor 2 is a terminal device; elsewhere a console (stdin and stdout terminals) is taken as one. */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    @Override
    public synchronized void step(String what, int done, int total, String current) {
        if (mode == Mode.OFF || total <= 0 || stopped) return;
        String line = "orca: " + done + "/" + total + " " + what + (current == null ? "" : " (" + Printable.escape(current) + ")");
        if (mode == Mode.PLAIN) {
            int tenth = done * 10 / total;
            if (tenth != lastTenth || done == total) {
                if (tenth == lastTenth && done == total) return;
                lastTenth = tenth;
                Cli.err().println(line);
            }
            return;
        }
        long now = System.nanoTime();
        if (done != total && drawn && now - lastDraw < 100_000_000L) return;
        lastDraw = now;
        drawn = true;
        terminal.print("\r\033[K" + line);
        terminal.flush();
    }

    /** A one-off note while nothing is counted (e.g. "fetching 3 repositories"), same rules. */
    synchronized void note(String text) {
        if (mode == Mode.OFF || stopped) return;
        if (mode == Mode.PLAIN) {
            Cli.err().println("orca: " + text);
            return;
        }
        drawn = true;
        terminal.print("\r\033[K" + "orca: " + Printable.escape(text));
        terminal.flush();
    }

    /** Erases the line drawn on the terminal (before a message, at the end). */
    @Override
    public synchronized void close() {
        if (mode == Mode.TERMINAL && drawn) {
            terminal.print("\r\033[K");
            terminal.flush();
            drawn = false;
        }
        if (active == this) active = null;
    }

    /** No progress is drawn any more (the process is exiting on a signal). */
    static void stopAll() {
        stopped = true;
        clearActive();
    }

    /** Erases whatever progress line is on the terminal (the interrupt handler, before it says why it stops). */
    static void clearActive() {
        Progress p = active;
        if (p != null) p.close();
    }
}
