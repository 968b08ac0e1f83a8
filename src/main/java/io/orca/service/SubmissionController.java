package io.orca.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Submissions of a network: submit (or dry-run) a network.yaml, follow what became of it, and its audit trail. */
@RestController
class SubmissionController {
    /** A network's name: a DNS label, so that it is safe as a folder name too. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private final Submissions submissions;
    private final SubmissionStore store;
    private final ServiceSettings settings;
    private final ObjectMapper json;

    SubmissionController(Submissions submissions, SubmissionStore store, ServiceSettings settings, ObjectMapper json) {
        this.submissions = submissions;
        this.store = store;
        this.settings = settings;
        this.json = json;
    }

    @Operation(summary = "Submit a network.yaml", description = "Validates and plans it, then publishes it to each "
            + "organisation's GitOps repository in the background (202, Location: the submission). 422 with the diagnostics "
            + "when it is not valid (nothing is published). The same input as the network's latest submission that did not "
            + "fail answers 200 with that submission. `dryRun=true`: what would change, with the diff (200), nothing stored.")
    @RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/yaml"))
    @PostMapping(path = "/api/v1/networks/{network}/submissions", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> submit(@PathVariable("network") String network, @RequestParam(name = "dryRun", defaultValue = "false") boolean dryRun,
                                  HttpServletRequest request) throws IOException {
        Caller caller = authorize(network);
        byte[] body = Bodies.read(request, settings.maxBodyBytes());
        if (dryRun) return ResponseEntity.ok(submissions.dryRun(network, body));
        Submissions.Accepted a = submissions.submit(network, body, caller);
        URI location = URI.create("/api/v1/networks/" + network + "/submissions/" + a.submission().id());
        return ResponseEntity.status(a.created() ? HttpStatus.ACCEPTED : HttpStatus.OK).location(location).body(view(a.submission()));
    }

    @Operation(summary = "A submission", description = "Its state (ACCEPTED, RUNNING, PUBLISHED, FAILED) and, once done, the "
            + "status and commit per repository.")
    @GetMapping(path = "/api/v1/networks/{network}/submissions/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> get(@PathVariable("network") String network, @PathVariable("id") String id) {
        authorize(network);
        return store.find(id).filter(s -> s.network().equals(network)).map(this::view)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found", "no submission " + id + " of network " + network));
    }

    @Operation(summary = "The network's submissions", description = "The latest 50, newest first.")
    @GetMapping(path = "/api/v1/networks/{network}/submissions", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Map<String, Object>> list(@PathVariable("network") String network) {
        authorize(network);
        return store.list(network, 50).stream().map(this::view).toList();
    }

    @Operation(summary = "The network's audit trail", description = "Who submitted which input (sha256), the outcome and the commits.")
    @GetMapping(path = "/api/v1/networks/{network}/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    List<SubmissionStore.AuditRecord> audit(@PathVariable("network") String network) {
        authorize(network);
        return store.audit(network);
    }

    /** The caller, if it may touch this network; 400 for a name that is not one, 403 outside the token's networks. */
    private static Caller authorize(String network) {
        if (!NAME.matcher(network).matches()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "bad-network-name",
                    "a network's name is a DNS label: lower-case letters, digits and '-', at most 63");
        }
        Caller caller = Security.caller();
        if (!caller.mayAccess(network)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "this token is not for network '" + network + "'");
        }
        return caller;
    }

    private Map<String, Object> view(Submission s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("network", s.network());
        m.put("state", s.state().name());
        m.put("sha256", s.sha256());
        m.put("submittedBy", s.submittedBy());
        m.put("createdAt", s.createdAt() == null ? null : s.createdAt().toString());
        m.put("startedAt", s.startedAt() == null ? null : s.startedAt().toString());
        m.put("finishedAt", s.finishedAt() == null ? null : s.finishedAt().toString());
        try {
            m.put("result", s.result() == null ? null : json.readTree(s.result()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return m;
    }
}
