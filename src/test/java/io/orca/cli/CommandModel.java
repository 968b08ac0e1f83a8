package io.orca.cli;

import picocli.CommandLine;

/** Orca's whole command line (every command registered), for tests outside this package (the docs test). */
public final class CommandModel {
    private CommandModel() {
    }

    public static CommandLine full() {
        return Main.commandLine();
    }
}
