package io.orca.cli;

import io.orca.app.SchemaService;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code orca schema}: prints the network.yaml JSON Schema (for editors and other validators). */
@Command(name = "schema", mixinStandardHelpOptions = true, description = "Print the network.yaml JSON Schema (draft 2020-12).",
        footer = {"", "Example:", "  orca schema > network.schema.json", "", "Exit codes: 0, 2 usage error."})
public final class SchemaCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Cli.out().print(SchemaService.text());
        Cli.out().flush();
        return Cli.EXIT_OK;
    }
}
