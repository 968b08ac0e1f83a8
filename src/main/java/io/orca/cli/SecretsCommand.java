package io.orca.cli;

import io.orca.app.SecretsService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code orca secrets}: age keys and the SOPS-encrypted Secrets of a tree. */
@Command(name = "secrets", mixinStandardHelpOptions = true, description = "Manage age keys and SOPS-encrypted Secrets.",
        footer = {"", "Examples:", "  orca secrets keygen alpha", "  orca secrets check gitops/ -i .orca/age/alpha.agekey",
                "  orca help secrets rotate"},
        subcommands = {SecretsCommand.Keygen.class, SecretsCommand.Check.class, SecretsCommand.Rotate.class})
public final class SecretsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(Cli.err());
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = "Create an age key pair for an organization; prints the recipient to put in network.yaml.",
            footer = {"", "Examples:", "  orca secrets keygen alpha",
                    "  kubectl -n flux-dev create secret generic sops-age --from-file=age.agekey=.orca/age/alpha.agekey",
                    "", "Exit codes: 0 created or already present, 1 error, 2 usage error."})
    static final class Keygen implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ORGANIZATION", description = "the organization's name in network.yaml")
        String organization;

        @Option(names = "--orca-dir", defaultValue = ".orca", paramLabel = "DIR", description = "Orca's folder; the key goes to DIR/age/ORGANIZATION.agekey (default: ${DEFAULT-VALUE})")
        Path orcaDir;

        @Override
        public Integer call() {
            try {
                SecretsService.Key key = SecretsService.keygen(orcaDir, organization);
                if (!Cli.quiet()) {
                    Cli.err().println("orca: " + (key.created() ? "created " : "exists: ") + key.file()
                            + " (private: install it in the organization's cluster, never commit it)");
                }
                Cli.out().println(key.recipient());
                Cli.out().flush();
                return Cli.EXIT_OK;
            } catch (SecretsService.SecretsFailure e) {
                Cli.err().println("orca: " + e.getMessage());
                return Cli.EXIT_INVALID;
            }
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Decrypt every SOPS file of a tree with the given key and compare it with its fingerprint.",
            footer = {"", "Examples:", "  orca secrets check gitops/ -i .orca/age/alpha.agekey",
                    "  orca secrets check gitops/ -i .orca/age/alpha.agekey -o json | jq '.failed'",
                    "", "Exit codes: 0 every file decrypts and matches, 1 a file does not, 2 usage error (a missing DIR or key)."})
    static final class Check implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "a tree holding *.sops.yaml files (a repository checkout)")
        Path dir;

        @Option(names = {"-i", "--identity"}, required = true, paramLabel = "KEYFILE", description = "age key file")
        Path identity;

        @Mixin
        TextOrJsonOption output;

        @Override
        public Integer call() throws Exception {
            String format = output.format();
            if (format == null) return Cli.EXIT_USAGE;
            if (!Files.isDirectory(dir)) return Cli.usageError(dir + " is not a directory");
            SecretsService.Report report;
            try {
                report = SecretsService.check(dir, identity);
            } catch (SecretsService.SecretsFailure e) {
                Cli.err().println("orca: " + e.getMessage());
                return Cli.EXIT_USAGE;
            }
            if (format.equals("json")) {
                java.util.List<Object> files = new java.util.ArrayList<>();
                for (SecretsService.FileResult f : report.files()) {
                    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("file", dir.relativize(f.file()).toString());
                    m.put("status", f.status());
                    m.put("ok", f.ok());
                    m.put("detail", f.detail() == null ? "" : f.detail());
                    files.add(m);
                }
                java.util.Map<String, Object> root = new java.util.LinkedHashMap<>();
                root.put("files", files);
                root.put("total", report.files().size());
                root.put("failed", report.failures());
                Output.json(root);
            } else {
                print(dir, report, "%-20s %s%s%n");
                Cli.out().printf("%d files, %d failed%n", report.files().size(), report.failures());
                Cli.out().flush();
            }
            return report.ok() ? Cli.EXIT_OK : Cli.EXIT_INVALID;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Re-encrypt every SOPS file of a tree to new recipients (fresh data keys).",
            footer = {"", "Example:", "  orca secrets rotate gitops/ -i .orca/age/alpha.agekey -r age1... -r age1...",
                    "", "Exit codes: 0 rotated, 1 a file could not be rotated, 2 usage error."})
    static final class Rotate implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "a tree holding *.sops.yaml files (a repository checkout)")
        Path dir;

        @Option(names = {"-i", "--identity"}, required = true, paramLabel = "KEYFILE", description = "current age key file")
        Path identity;

        @Option(names = {"-r", "--recipient"}, required = true, paramLabel = "AGE1...", description = "new recipient (repeatable)")
        List<String> recipients;

        @Override
        public Integer call() {
            SecretsService.Report report;
            try {
                report = SecretsService.rotate(dir, identity, recipients);
            } catch (SecretsService.SecretsFailure e) {
                return Cli.usageError(e.getMessage());
            }
            print(dir, report, "%-8s %s%s%n");
            Cli.out().flush();
            return report.ok() ? Cli.EXIT_OK : Cli.EXIT_INVALID;
        }
    }

    private static void print(Path dir, SecretsService.Report report, String format) {
        for (SecretsService.FileResult f : report.files()) {
            Cli.out().printf(format, f.status(), dir.relativize(f.file()),
                    f.detail() == null || f.detail().isEmpty() ? "" : "  (" + f.detail() + ")");
        }
    }
}
