package io.orca.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orca.app.PublishService;
import io.orca.model.Redaction;
import io.orca.publish.RepositoryReport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Submissions: accepted (validated and planned, stored with their input), then run one at a time per network — any
 * number of networks in parallel — through {@code orca publish}'s use case. Idempotent by content: the same input as the
 * network's latest submission that did not fail is that submission. On start-up, whatever was accepted or running when
 * the service stopped is run again (publishing is idempotent: a repository already at the wanted state is left as is).
 */
@Component
class Submissions implements AutoCloseable {
    private static final Log LOG = LogFactory.getLog(Submissions.class);
    private final SubmissionStore store;
    private final UseCases useCases;
    private final ServiceSettings settings;
    private final ObjectMapper json;
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "orca-submission");
        t.setDaemon(true);
        return t;
    });
    /** Per network, the last queued run: the next one starts after it. */
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final Map<String, Object> acceptLocks = new ConcurrentHashMap<>();

    Submissions(SubmissionStore store, UseCases useCases, ServiceSettings settings, ObjectMapper json) {
        this.store = store;
        this.useCases = useCases;
        this.settings = settings;
        this.json = json;
    }

    /** A submission and whether this call made it (false: the same input was already submitted). */
    record Accepted(Submission submission, boolean created) {
    }

    Accepted submit(String network, byte[] body, Caller caller) {
        String sha = sha256(body);
        synchronized (acceptLocks.computeIfAbsent(network, k -> new Object())) {
            var latest = store.latest(network);
            if (latest.isPresent() && latest.get().sha256().equals(sha) && latest.get().state() != Submission.State.FAILED) {
                return new Accepted(latest.get(), false);
            }
            try {
                useCases.plan(body);
            } catch (ApiException e) {
                store.audit(caller.name(), "submit", network, null, sha, "rejected", null);
                LOG.info("submission rejected: network " + network + " sha256 " + sha + " by " + caller.name() + ": " + e.getMessage());
                throw e;
            }
            Submission s = store.insert(network, sha, caller.name(), body);
            store.audit(caller.name(), "submit", network, s.id(), sha, "accepted", null);
            LOG.info("submission " + s.id() + " accepted: network " + network + " sha256 " + sha + " by " + caller.name());
            enqueue(s);
            return new Accepted(s, true);
        }
    }

    /** {@code orca publish --dry-run}: what a submission would change, with the diff; nothing is stored or pushed. */
    Map<String, Object> dryRun(String network, byte[] body) {
        useCases.plan(body);
        Path dir = settings.networkDir(network);
        // A work folder that does not exist: the use case fetches into a temporary one and deletes it.
        PublishService.Result r = PublishService.publish(PublishService.request(UseCases.INPUT_NAME, body, dir, dir.resolve("secrets"),
                dir.resolve("dry-run-" + java.util.UUID.randomUUID()), true, false).withCredentials(useCases.credentials()));
        Map<String, Object> out = result(r, true);
        if (r.refusal() != null) throw UseCases.refused(r.refusal());
        if (r.outcome() != null && !r.outcome().ok()) throw useCases.invalid(r.outcome().report());
        return out;
    }

    private void enqueue(Submission s) {
        if (!settings.worker()) return;
        tails.compute(s.network(), (k, previous) -> (previous == null ? CompletableFuture.<Void>completedFuture(null) : previous)
                .thenRunAsync(() -> run(s), pool));
    }

    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        for (Submission s : store.unfinished()) {
            LOG.info("submission " + s.id() + " of network " + s.network() + " was " + s.state() + " when the service stopped: running it");
            enqueue(s);
        }
    }

    private void run(Submission s) {
        Submission.State state;
        Map<String, Object> result;
        try {
            store.started(s.id());
            byte[] body = store.body(s.id());
            Path dir = settings.networkDir(s.network());
            PublishService.Result r = PublishService.publish(PublishService.request(UseCases.INPUT_NAME, body, dir,
                    dir.resolve("secrets"), dir.resolve("cache"), false, false).withCredentials(useCases.credentials()));
            result = result(r, false);
            state = r.ok() && r.report() != null && !r.report().anyFailed() ? Submission.State.PUBLISHED : Submission.State.FAILED;
        } catch (RuntimeException e) {
            LOG.error("submission " + s.id() + ": internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + Redaction.text(e.getMessage().lines().findFirst().orElse(""))));
            result = Map.of("error", "internal error; the service log says more");
            state = Submission.State.FAILED;
        }
        String resultJson = write(result);
        store.finished(s.id(), state, resultJson);
        store.audit(s.submittedBy(), "publish", s.network(), s.id(), s.sha256(), state.name().toLowerCase(), write(commits(result)));
        LOG.info("submission " + s.id() + " of network " + s.network() + ": " + state);
    }

    /** The result as the API shows it: per repository status and commit, warnings, the refusal; diffs for a dry run. */
    private Map<String, Object> result(PublishService.Result r, boolean withDiff) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (r.refusal() != null) out.put("error", Redaction.text(r.refusal()));
        if (r.outcome() != null && !r.outcome().ok()) out.put("validation", useCases.diagnosticsJson(r.outcome().report()));
        List<Object> repos = new ArrayList<>();
        if (r.report() != null) {
            for (RepositoryReport rr : r.report().repositories()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("url", Redaction.url(rr.url()));
                m.put("branch", rr.branch());
                m.put("status", rr.status().name());
                m.put("commit", rr.commitId());
                m.put("message", rr.message() == null ? "" : Redaction.text(rr.message()));
                m.put("addedFiles", rr.addedFiles());
                m.put("changedFiles", rr.changedFiles());
                m.put("removedFiles", rr.removedFiles());
                if (withDiff) m.put("diff", rr.diff());
                repos.add(m);
            }
        }
        out.put("repositories", repos);
        out.put("warnings", r.warnings().stream().map(Redaction::text).toList());
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> commits(Map<String, Object> result) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : (List<Object>) result.getOrDefault("repositories", List.of())) {
            Map<String, Object> m = (Map<String, Object>) o;
            out.add(Map.of("url", m.get("url"), "branch", m.get("branch"), "status", m.get("status"),
                    "commit", m.get("commit") == null ? "" : m.get("commit")));
        }
        return out;
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lets a running publish finish (graceful shutdown); what is still queued runs after the next start. */
    @Override
    public void close() throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(60, TimeUnit.SECONDS)) pool.shutdownNow();
    }

    static String sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }
}
