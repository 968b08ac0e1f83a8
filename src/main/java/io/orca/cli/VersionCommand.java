package io.orca.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code orca version}: Orca's version and the JVM it runs on; {@code -o json} for scripts. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print Orca's version and the Java runtime it runs on.",
        footer = {"", "Examples:", "  orca version", "  orca version -o json", "", "Exit codes: 0, 2 usage error."})
final class VersionCommand implements Callable<Integer> {
    static final String VERSION = "0.1.0";

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text (default) or json (default: $ORCA_OUTPUT)")
    String output;

    /** The lines of {@code orca --version} and {@code orca version}. */
    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"orca " + VERSION, "java " + System.getProperty("java.runtime.version", "?")
                    + " (" + System.getProperty("java.vendor", "?") + "), " + System.getProperty("os.name", "?") + " "
                    + System.getProperty("os.arch", "?")};
        }
    }

    @Override
    public Integer call() throws Exception {
        String format = Output.resolve(output, "text", "json");
        if (format == null) return Cli.EXIT_USAGE;
        if (format.equals("json")) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("version", VERSION);
            v.put("java", System.getProperty("java.runtime.version"));
            v.put("javaVendor", System.getProperty("java.vendor"));
            v.put("os", System.getProperty("os.name"));
            v.put("arch", System.getProperty("os.arch"));
            Output.json(v);
        } else {
            for (String line : new Provider().getVersion()) Cli.out().println(line);
            Cli.out().flush();
        }
        return Cli.EXIT_OK;
    }
}
