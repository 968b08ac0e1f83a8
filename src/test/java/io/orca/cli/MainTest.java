package io.orca.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;

import static io.orca.cli.ValidateCommandTest.orca;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Main registers only the command it runs (start-up cost); help, typos and no command still see every command. */
class MainTest {
    private static final List<String> ALL = List.of("validate", "plan", "generate", "template", "publish", "diff",
            "bootstrap", "apply", "status", "destroy", "schema", "secrets", "serve", "completion", "version", "help");

    @Test
    void aNamedCommandIsTheOnlyOneRegistered() {
        CommandLine cl = Main.commandLine("validate", "x.yaml");
        assertEquals(List.of("validate"), List.copyOf(cl.getSubcommands().keySet()));
    }

    @Test
    void helpNoCommandOrAnUnknownOneRegisterEveryCommandInHelpOrder() {
        for (String[] args : List.of(new String[0], new String[]{"help"}, new String[]{"--help"}, new String[]{"validat"},
                new String[]{"--version"}, new String[]{"completion", "bash"})) {
            assertEquals(ALL, List.copyOf(Main.commandLine(args).getSubcommands().keySet()), String.join(" ", args));
        }
    }

    @Test
    void topLevelHelpListsEveryCommand() {
        var run = orca("--help");
        assertEquals(0, run.code());
        for (String name : ALL) assertTrue(run.out().contains("  " + name + " "), name + " missing from:\n" + run.out());
    }

    @Test
    void helpForACommandStillWorks() {
        var run = orca("help", "validate");
        assertEquals(0, run.code(), run.all());
        assertTrue(run.all().contains("Usage: orca validate"), run.all());
    }

    @Test
    void aMistypedCommandGetsASuggestionAndExit2() {
        var run = orca("validat", "x.yaml");
        assertEquals(2, run.code(), run.all());
        assertTrue(run.err().contains("validate"), run.err());
    }

    @Test
    void commandHelpAndVersionStillWorkWhenOnlyThatCommandIsRegistered() {
        var help = orca("validate", "--help");
        assertEquals(0, help.code(), help.all());
        assertTrue(help.all().contains("Usage: orca validate"), help.all());
        var version = orca("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().contains("orca 0.1.0"), version.out());
    }
}
