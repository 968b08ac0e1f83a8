package io.orca.cli;

import io.orca.app.LocalMaterialStore;
import io.orca.app.PlanningService;
import io.orca.report.DiagnosticFormat;
import io.orca.validate.ValidationService;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** The network.yaml argument and state options shared by generate, template and plan. */
final class NetworkInput {
    @Parameters(index = "0", paramLabel = "FILE", description = "the network.yaml ('-' reads it from stdin)")
    Path file;

    @Option(names = "--state-dir", paramLabel = "DIR", converter = Cli.Directory.class,
            defaultValue = "${env:ORCA_STATE_DIR:-.orca/secrets}",
            description = "where publish keeps generated private material on this machine, never published; read here, "
                    + "never written (default: $ORCA_STATE_DIR, else .orca/secrets)")
    Path stateDir;

    /** The material of earlier runs on this machine, read only. */
    LocalMaterialStore store() {
        return new LocalMaterialStore(stateDir);
    }

    /** Why the last {@link #read()} or {@link #plan()} returned null: exit 2 for an unreadable file, else 1. */
    int failure = Cli.EXIT_INVALID;

    /** Reads the file; null (said on stderr, {@link #failure} set to exit 2, as documented) when it cannot be read. */
    Cli.Input read() {
        Cli.Input in = Cli.read(file);
        failure = in == null ? Cli.EXIT_USAGE : Cli.EXIT_INVALID;
        return in;
    }

    /** Validates and plans without writing anything (plan, template); on failure prints why and returns null. */
    PlanningService.Planned plan() {
        Cli.Input input = read();
        if (input == null) {
            failure = Cli.EXIT_USAGE;
            return null;
        }
        PlanningService.Planned planned;
        try {
            planned = PlanningService.plan(input.name(), input.bytes(), PlanningService.Request.preview(store()));
        } catch (io.orca.app.RefusedException e) {
            Cli.err().println("orca: " + io.orca.model.Redaction.text(e.getMessage()));
            return null;
        }
        if (!planned.ok()) {
            printDiagnostics(planned.report());
            return null;
        }
        warn(planned.warnings());
        return planned;
    }

    static void printDiagnostics(ValidationService.Report report) {
        DiagnosticFormat.TEXT.write(List.of(new DiagnosticFormat.FileDiagnostics(report.source(), report.diagnostics())),
                Cli.err());
    }

    static void warn(List<String> warnings) {
        warnings.forEach(w -> Cli.err().println("orca: " + io.orca.model.Redaction.text(w.startsWith("warning") ? w : "warning: " + w)));
    }
}
