package io.orca.cli;

import io.orca.app.GenerateService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code orca generate}: writes each GitOps repository's Flux manifests under an output folder, and nothing elsewhere. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate the Flux v2 manifests of every organization into DIR/<repository>/<release_dir>.",
        footer = {"", "Examples:",
                "  orca generate network.yaml --out build/gitops",
                "  git diff --no-index build/gitops-before build/gitops",
                "", "Exit codes: 0 generated, 1 invalid network.yaml or unsupported platform, 2 usage error, an unreadable FILE or a symbolic",
                "link under DIR (nothing is written or deleted through one),",
                "130 interrupted (Ctrl-C; DIR may then hold part of the output)."})
public final class GenerateCommand implements Callable<Integer> {
    @Mixin
    NetworkInput input;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", converter = Cli.Directory.class, description = "output folder")
    Path out;

    @Override
    public Integer call() throws IOException {
        Cli.Input in = input.read();
        if (in == null) return input.failure;
        Interrupts.note(out + " may hold part of the output: run the command again");
        GenerateService.IntoFolder result = GenerateService.intoFolder(in.name(), in.bytes(), input.store(), Path.of(".orca"), out);
        Interrupts.note(null);
        if (result.refusal() != null) {
            Cli.err().println("orca: " + result.refusal());
            return result.outsideFolder() ? Cli.EXIT_USAGE : Cli.EXIT_INVALID;
        }
        if (!result.outcome().ok()) {
            NetworkInput.printDiagnostics(result.outcome().report());
            return Cli.EXIT_INVALID;
        }
        NetworkInput.warn(result.warnings());
        result.summary().forEach(Cli.out()::println);
        Cli.out().flush();
        return Cli.EXIT_OK;
    }
}
