package io.orca.cli;

import io.orca.service.Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code orca serve}: the submission service (Spring Boot). The only command that starts Spring: this class names
 * no Spring type, and {@link Main} registers it alone when it is the command, so no other command loads it.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the submission service: validate, plan and publish network.yaml files over HTTP (docs/serve.md).",
        footer = {"", "Examples:",
                "  ORCA_ADMIN_TOKEN=$(openssl rand -hex 32) orca serve --port 8080",
                "",
                "The first admin token comes from the environment variable ORCA_ADMIN_TOKEN.",
                "Exit codes: 0 stopped, 1 could not start (port in use, store held by another service), 2 usage error."})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}; 0: any free one)")
    int port;

    @Option(names = "--address", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface)")
    String address;

    @Option(names = "--data-dir", paramLabel = "DIR", converter = Cli.Directory.class, defaultValue = ".orca/service",
            description = "the service's store, repositories and private material (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "1048576",
            description = "the largest request body accepted; larger ones get 413 (default: ${DEFAULT-VALUE})")
    long maxBodyBytes;

    @Override
    public Integer call() {
        if (port < 0 || port > 65535) return Cli.usageError("--port must be 0..65535");
        if (maxBodyBytes < 1) return Cli.usageError("--max-body-bytes must be positive");
        return Server.run(new Server.Options(port, address, dataDir, maxBodyBytes), Cli.err());
    }
}
