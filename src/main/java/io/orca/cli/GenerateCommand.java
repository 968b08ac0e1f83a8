package io.orca.cli;

import io.orca.app.GenerateService;
import io.orca.app.SecretSealer;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import io.orca.render.RepositoryTree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code orca generate}: writes each GitOps repository's Flux manifests under an output folder. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate the Flux v2 manifests of every organization into DIR/<repository>/<release_dir>.",
        footer = {"", "Exit codes: 0 generated, 1 invalid network.yaml or unsupported platform, 2 usage error."})
public final class GenerateCommand implements Callable<Integer> {
    @Mixin
    NetworkInput input;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", converter = Cli.Directory.class, description = "output folder")
    Path out;

    @Override
    public Integer call() throws IOException {
        // The previous output is what the encrypted Secrets are compared with (unchanged ones keep their bytes).
        SecretSealer.ExistingFiles existing = (tree, path) -> {
            Path p = out.resolve(tree.name()).resolve(path);
            try {
                return Files.isRegularFile(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        };
        GenerateService.Outcome outcome = input.plan(Path.of(".orca"), existing, false, true);
        if (outcome == null) return Cli.EXIT_INVALID;
        GenerateService.write(outcome.trees(), out);
        for (RepositoryTree t : outcome.trees()) {
            Cli.out().printf("%s: %d files for %s%n", out.resolve(t.name()), t.files().size(), String.join(", ", t.organizations()));
        }
        Cli.out().flush();
        return Cli.EXIT_OK;
    }
}
