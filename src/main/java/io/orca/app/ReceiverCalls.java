package io.orca.app;

import io.orca.model.Organization;
import io.orca.model.Redaction;
import io.orca.publish.PublishStatus;
import io.orca.publish.RepositoryReport;
import io.orca.render.FluxReceiver;
import io.orca.render.RepositoryTree;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * After a publish, the webhook Receiver of each organization whose repository got a commit is called (its
 * {@code gitops.receiver_url} plus the hook path derived from the token {@code orca bootstrap} kept), so that Flux
 * fetches the commit at once instead of at the next interval. Best effort: a receiver that cannot be reached is a
 * warning, never a failure — Flux still fetches at its interval. Only the command line calls it (the service does not
 * POST to addresses a submitted network.yaml names).
 */
public final class ReceiverCalls {
    /** POSTs to a URL; returns the HTTP status. */
    public interface Poster {
        int post(URI uri) throws IOException, InterruptedException;
    }

    public static final Poster HTTP = uri -> {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        return client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    };

    /** What happened for one organization (the message names the receiver without the hook's path). */
    public record Call(String organization, boolean ok, String message) {
    }

    private ReceiverCalls() {
    }

    public static List<Call> afterPublish(PublishService.Result result, Path stateDir, Poster poster) throws InterruptedException {
        List<Call> out = new ArrayList<>();
        if (result.report() == null || result.outcome() == null || !result.outcome().ok()) return out;
        String fluxNs = result.outcome().network().flux().namespace();
        List<RepositoryTree> trees = result.outcome().trees();
        List<RepositoryReport> reports = result.report().repositories();
        for (int i = 0; i < trees.size(); i++) {
            RepositoryTree tree = trees.get(i);
            // One report per tree, in the trees' order (one tree per repository and branch, published in that order).
            Optional<RepositoryReport> report = reports.size() == trees.size() ? Optional.of(reports.get(i)) : Optional.empty();
            if (report.isEmpty() || report.get().status() != PublishStatus.COMMITTED) continue;
            for (String org : tree.organizations()) {
                Organization o = result.outcome().network().organization(org).orElseThrow();
                if (o.gitops().receiverUrl().isEmpty()) continue;
                out.add(call(o, fluxNs, stateDir, poster));
            }
        }
        return out;
    }

    private static Call call(Organization o, String fluxNs, Path stateDir, Poster poster) throws InterruptedException {
        String base = o.gitops().receiverUrl().get();
        String shown = Redaction.url(base);
        Optional<String> token = BootstrapService.keptReceiverToken(stateDir, o.name());
        if (token.isEmpty()) {
            return new Call(o.name(), false, "organization '" + o.name() + "' has a receiver_url but no Receiver token in "
                    + stateDir + " (run orca bootstrap from this machine): Flux fetches at its next interval");
        }
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        try {
            int status = poster.post(URI.create(trimmed + FluxReceiver.webhookPath(token.get(), fluxNs)));
            if (status / 100 == 2) return new Call(o.name(), true, "asked Flux of organization '" + o.name() + "' to fetch now (" + shown + ")");
            return new Call(o.name(), false, "the Flux receiver of organization '" + o.name() + "' at " + shown + " answered HTTP "
                    + status + ": Flux fetches at its next interval");
        } catch (IOException | IllegalArgumentException e) {
            return new Call(o.name(), false, "the Flux receiver of organization '" + o.name() + "' at " + shown
                    + " is not reachable (" + e.getClass().getSimpleName() + "): Flux fetches at its next interval");
        }
    }
}
