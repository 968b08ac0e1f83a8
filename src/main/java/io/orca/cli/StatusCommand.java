package io.orca.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.orca.app.Effects;
import io.orca.app.StatusService;
import io.orca.apply.StatusReader;
import io.orca.model.Redaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code orca status}: each organization's releases, from its cluster, in the mode they were delivered. Read only. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show each organization's releases from its cluster: Helm status and workload readiness (dev mode) or Flux's Ready conditions (GitOps).",
        footer = {"", "Examples:",
                "  orca status network.yaml",
                "  orca status network.yaml --org alpha -o json",
                "",
                "Exit codes: 0 every release of every selected organization is Ready;",
                "1 anything else (not Ready, not deployed, a cluster unreachable, invalid",
                "network.yaml); 2 usage error."})
public class StatusCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    String output;

    @Override
    public Integer call() throws IOException {
        if (!output.equals("text") && !output.equals("json")) {
            Cli.err().println("orca: --output must be text or json: " + output);
            return Cli.EXIT_USAGE;
        }
        Cli.Input input = Cli.read(cluster.file);
        if (input == null) return Cli.EXIT_USAGE;
        StatusService.Result r = StatusService.status(input.name(), input.bytes(), cluster.selection(), null,
                Effects.helm(Effects.KUBERNETES), Effects.KUBERNETES);
        if (r.refusal() != null) {
            Cli.err().println("orca: " + Redaction.text(r.refusal()));
            return r.exitCode();
        }
        if (r.organizations() == null) {
            NetworkInput.printDiagnostics(r.planned().report());
            return Cli.EXIT_INVALID;
        }
        Cli.out().print(Redaction.text(output.equals("json") ? json(r) : text(r)));
        Cli.out().flush();
        return r.exitCode();
    }

    static String text(StatusService.Result r) {
        StringBuilder b = new StringBuilder();
        for (StatusReader.OrganizationStatus o : r.organizations()) {
            if (b.length() > 0) b.append('\n');
            b.append("organization ").append(o.organization()).append(" (").append(o.mode()).append(", namespace ")
                    .append(o.namespace()).append(", ").append(o.cluster()).append("): ");
            if (o.failure() != null) {
                b.append("unreachable: ").append(o.failure()).append('\n');
                continue;
            }
            b.append(o.readyCount()).append('/').append(o.items().size()).append(" ready\n");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"KIND", "NAME", "REVISION", "STATUS", "READY", "REASON", "MESSAGE"});
            for (StatusReader.Item i : o.items()) {
                rows.add(new String[]{i.kind(), i.name(), i.revision().isEmpty() ? "-" : i.revision(), i.status(),
                        i.ready() ? "True" : "False", i.reason().isEmpty() ? "-" : i.reason(),
                        i.message().lines().findFirst().orElse("")});
            }
            b.append(Summaries.columns(rows));
        }
        return b.toString();
    }

    static String json(StatusService.Result r) throws JsonProcessingException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("ready", r.ready());
        List<Object> orgs = new ArrayList<>();
        for (StatusReader.OrganizationStatus o : r.organizations()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("organization", o.organization());
            m.put("mode", o.mode());
            m.put("namespace", o.namespace());
            m.put("cluster", o.cluster());
            m.put("ready", o.ready());
            m.put("failure", o.failure());
            List<Object> items = new ArrayList<>();
            for (StatusReader.Item i : o.items()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("kind", i.kind());
                x.put("name", i.name());
                x.put("namespace", i.namespace());
                x.put("revision", i.revision());
                x.put("status", i.status());
                x.put("ready", i.ready());
                x.put("reason", i.reason());
                x.put("message", i.message());
                items.add(x);
            }
            m.put("items", items);
            orgs.add(m);
        }
        root.put("organizations", orgs);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
    }
}
