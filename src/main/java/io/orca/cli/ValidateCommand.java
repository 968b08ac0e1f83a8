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
        footer = {"", "Examples:",
                "  orca validate network.yaml",
                "  orca validate -o sarif network.yaml > orca.sarif",
                "  kubectl get cm bevel -o jsonpath='{.data.network\\.yaml}' | orca validate -",
                "", "Exit codes: 0 valid (warnings allowed), 1 invalid (warnings too with --strict), 2 usage error or an",
                "unreadable file (reported as ORCA-E008 in every format, after the other files are validated).",
                "Infos (ORCA-I...) never change the exit code, not even with --strict."})
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "network.yaml files to validate ('-' reads one from stdin)")
    List<Path> files;

    @Option(names = {"-o", "--output", "--format"}, paramLabel = "FORMAT",
            description = "text (default), json, sarif or github (default: $ORCA_OUTPUT when it is one of them)")
    String format;

    @Option(names = "--strict", description = "treat warnings as errors (exit 1)")
    boolean strict;

    @Override
    public Integer call() {
        String format = Output.resolve(this.format, "text", "json", "sarif", "github");
        if (format == null) return Cli.EXIT_USAGE;
        DiagnosticFormat fmt = DiagnosticFormat.parse(format);
        if (files.stream().filter(Cli::isStdin).count() > 1) return Cli.usageError("'-' (stdin) can be given once");
        List<DiagnosticFormat.FileDiagnostics> results = new ArrayList<>();
        boolean failed = false;
        boolean unreadable = false;
        for (Path file : files) {
            ValidationService.Report report;
            if (Cli.isStdin(file)) {
                Cli.Input in = Cli.readStdin();
                if (in == null) return Cli.EXIT_USAGE;
                report = ValidationService.validate(in.name(), in.bytes());
            } else {
                report = ValidationService.validate(file);
            }
            results.add(new DiagnosticFormat.FileDiagnostics(report.source(), report.diagnostics()));
            failed |= report.hasErrors() || (strict && report.hasWarnings());
            unreadable |= report.unreadable();
        }
        PrintWriter out = Cli.out();
        fmt.write(results, out);
        if (fmt == DiagnosticFormat.TEXT && !failed) {
            for (var r : results) {
                if (r.diagnostics().stream().allMatch(io.orca.diag.Diagnostic::isInfo)) out.println(r.source().name() + ": valid");
            }
            out.flush();
        }
        return unreadable ? Cli.EXIT_USAGE : failed ? Cli.EXIT_INVALID : Cli.EXIT_OK;
    }
}
