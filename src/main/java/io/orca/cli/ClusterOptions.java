package io.orca.cli;

import io.orca.app.DevMode;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The network.yaml and the cluster options shared by apply, status and destroy. */
final class ClusterOptions {
    @Parameters(index = "0", paramLabel = "FILE", description = "the network.yaml")
    Path file;

    @Option(names = "--org", paramLabel = "O", description = "only this organization (repeatable; default: all)")
    List<String> organizations = new ArrayList<>();

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "the kubeconfig of the selected organizations' cluster, instead of network.yaml's k8s.config_file")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME",
            description = "the kubeconfig context of the selected organizations, instead of network.yaml's k8s.context")
    String context;

    DevMode.Selection selection() {
        return new DevMode.Selection(new LinkedHashSet<>(organizations), kubeconfig == null ? null : kubeconfig.toAbsolutePath(), context);
    }

    /** Go-style durations as Helm takes them: 90s, 5m, 1m30s, 2h (a bare number is seconds). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern PART = Pattern.compile("(\\d{1,6}+)(ms|h|m|s)");

        @Override
        public Duration convert(String value) {
            String v = value.strip();
            if (v.matches("\\d{1,6}")) return positive(Duration.ofSeconds(Long.parseLong(v)), value);
            Matcher m = PART.matcher(v);
            Duration d = Duration.ZERO;
            int end = 0;
            while (m.find() && m.start() == end) {
                long n = Long.parseLong(m.group(1));
                d = d.plus(switch (m.group(2)) {
                    case "h" -> Duration.ofHours(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "ms" -> Duration.ofMillis(n);
                    default -> Duration.ofSeconds(n);
                });
                end = m.end();
            }
            if (end != v.length() || end == 0) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 90s, 5m, 1m30s)");
            }
            return positive(d, value);
        }

        private static Duration positive(Duration d, String value) {
            if (d.isZero() || d.compareTo(Duration.ofDays(1)) > 0) {
                throw new CommandLine.TypeConversionException("'" + value + "' must be more than 0 and at most 24h");
            }
            return d;
        }
    }
}
