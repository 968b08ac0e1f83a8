package io.orca.cli;

import io.orca.app.GenerateService;
import io.orca.app.LocalMaterialStore;
import io.orca.plan.Planner;
import io.orca.report.DiagnosticFormat;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/** The network.yaml argument and state options shared by generate, template, plan and publish. */
final class NetworkInput {
    @Parameters(index = "0", paramLabel = "FILE", description = "the network.yaml")
    Path file;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".orca/secrets",
            description = "where generated private material is kept on this machine, never published (default: ${DEFAULT-VALUE})")
    Path stateDir;

    /** Validates and plans; on failure prints the diagnostics to stderr and returns null. */
    GenerateService.Outcome plan() {
        Cli.Input input = Cli.read(file);
        if (input == null) return null;
        LocalMaterialStore store = new LocalMaterialStore(stateDir);
        GenerateService.Outcome outcome;
        try {
            outcome = GenerateService.plan(input.name(), input.bytes(), store, new SecureRandom());
        } catch (Planner.UnsupportedPlatformException e) {
            Cli.err().println(input.name() + ":1:1: error ORCA-E100: " + e.getMessage());
            return null;
        }
        if (!outcome.ok()) {
            DiagnosticFormat.TEXT.write(List.of(new DiagnosticFormat.FileDiagnostics(outcome.report().load().source(),
                    outcome.diagnostics())), Cli.err());
            return null;
        }
        int written = store.saveNew(outcome.plan().organizations());
        if (written > 0) {
            Cli.err().println("orca: warning: " + written + " private key(s) generated and kept in " + stateDir
                    + " (never published); keep this folder safe: node identities depend on it");
        }
        return outcome;
    }
}
