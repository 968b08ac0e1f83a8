package io.orca.cli;

import io.orca.report.DiagnosticFormat;
import io.orca.validate.ValidationService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code orca validate}: schema and semantic checks, every problem at once, with positions. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Validate network.yaml files: schema and semantic rules, every problem at once.",
        footer = {"", "Exit codes: 0 valid (warnings allowed), 1 invalid (warnings too with --strict), 2 usage error or unreadable file.",
                "Infos (ORCA-I...) never change the exit code, not even with --strict."})
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "network.yaml files to validate")
    List<Path> files;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json, sarif or github")
    String format;

    @Option(names = "--strict", description = "treat warnings as errors (exit 1)")
    boolean strict;

    @Override
    public Integer call() {
        DiagnosticFormat fmt;
        try {
            fmt = DiagnosticFormat.parse(format);
        } catch (IllegalArgumentException e) {
            return Cli.usageError(e.getMessage() + "; use text, json, sarif or github");
        }
        List<DiagnosticFormat.FileDiagnostics> results = new ArrayList<>();
        boolean failed = false;
        for (Path file : files) {
            Cli.Input input = Cli.read(file);
            if (input == null) return Cli.EXIT_USAGE;
            ValidationService.Report report = ValidationService.validate(input.name(), input.bytes());
            results.add(new DiagnosticFormat.FileDiagnostics(report.source(), report.diagnostics()));
            failed |= report.hasErrors() || (strict && report.hasWarnings());
        }
        PrintWriter out = Cli.out();
        fmt.write(results, out);
        if (fmt == DiagnosticFormat.TEXT && !failed) {
            for (var r : results) {
                if (r.diagnostics().stream().allMatch(io.orca.diag.Diagnostic::isInfo)) out.println(r.source().name() + ": valid");
            }
            out.flush();
        }
        return failed ? Cli.EXIT_INVALID : Cli.EXIT_OK;
    }
}
