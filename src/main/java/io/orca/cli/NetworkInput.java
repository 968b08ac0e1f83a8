package io.orca.cli;

import io.orca.app.GenerateService;
import io.orca.app.LocalMaterialStore;
import io.orca.app.SecretSealer;
import io.orca.secrets.SecretsException;
import io.orca.report.DiagnosticFormat;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** The network.yaml argument and state options shared by generate, template, plan and publish. */
final class NetworkInput {
    @Parameters(index = "0", paramLabel = "FILE", description = "the network.yaml")
    Path file;

    @Option(names = "--state-dir", paramLabel = "DIR", converter = Cli.Directory.class, defaultValue = ".orca/secrets",
            description = "where generated private material is kept on this machine, never published (default: ${DEFAULT-VALUE})")
    Path stateDir;

    /** Validates and plans without writing Secrets (plan, template). */
    GenerateService.Outcome plan() {
        return plan(null, SecretSealer.ExistingFiles.NONE, false, false);
    }

    /**
     * Validates, plans, renders and seals; on failure prints why to stderr and returns null.
     *
     * @param orcaDir where local age keys go for local repositories without recipients (null: none)
     */
    GenerateService.Outcome plan(Path orcaDir, SecretSealer.ExistingFiles existing, boolean publishing, boolean seal) {
        Cli.Input input = Cli.read(file);
        if (input == null) return null;
        LocalMaterialStore store = new LocalMaterialStore(stateDir);
        GenerateService.Outcome outcome;
        List<String> warnings = new ArrayList<>();
        try {
            outcome = GenerateService.plan(input.name(), input.bytes(),
                    new GenerateService.Options(store, new SecureRandom(), orcaDir, existing, publishing, seal), warnings);
        } catch (GenerateService.RefusedException | SecretsException e) {
            Cli.err().println("orca: " + io.orca.model.Redaction.text(e.getMessage()));
            return null;
        }
        if (!outcome.ok()) {
            DiagnosticFormat.TEXT.write(List.of(new DiagnosticFormat.FileDiagnostics(outcome.report().load().source(),
                    outcome.diagnostics())), Cli.err());
            return null;
        }
        warnings.forEach(w -> Cli.err().println("orca: " + io.orca.model.Redaction.text(w.startsWith("warning") ? w : "warning: " + w)));
        int written = store.saveNew(outcome.plan().organizations());
        if (written > 0) {
            Cli.err().println("orca: warning: " + written + " private key(s) generated and kept in " + stateDir
                    + " (never published in plaintext); keep this folder safe: node identities depend on it");
        }
        return outcome;
    }
}
