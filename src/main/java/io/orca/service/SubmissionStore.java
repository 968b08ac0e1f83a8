package io.orca.service;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Submissions and the audit trail in the store (H2 by default). */
@Component
class SubmissionStore {
    private static final String COLUMNS = "id, seq, network, sha256, state, submitted_by, result, created_at, started_at, finished_at";
    private static final RowMapper<Submission> ROW = (rs, i) -> new Submission(rs.getString(1), rs.getLong(2), rs.getString(3),
            rs.getString(4), Submission.State.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7),
            rs.getObject(8, OffsetDateTime.class), rs.getObject(9, OffsetDateTime.class), rs.getObject(10, OffsetDateTime.class));
    private final Store store;

    SubmissionStore(Store store) {
        this.store = store;
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    Submission insert(String network, String sha256, String submittedBy, byte[] body) {
        String id = UUID.randomUUID().toString();
        store.jdbc.update("INSERT INTO submissions (id, network, sha256, state, submitted_by, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                id, network, sha256, Submission.State.ACCEPTED.name(), submittedBy, body, now());
        return find(id).orElseThrow();
    }

    Optional<Submission> find(String id) {
        return store.jdbc.query("SELECT " + COLUMNS + " FROM submissions WHERE id = ?", ROW, id).stream().findFirst();
    }

    Optional<Submission> latest(String network) {
        return store.jdbc.query("SELECT " + COLUMNS + " FROM submissions WHERE network = ? ORDER BY seq DESC LIMIT 1", ROW, network)
                .stream().findFirst();
    }

    List<Submission> list(String network, int limit) {
        return store.jdbc.query("SELECT " + COLUMNS + " FROM submissions WHERE network = ? ORDER BY seq DESC LIMIT ?", ROW, network, limit);
    }

    /** What a restart must finish: accepted or interrupted submissions, oldest first. */
    List<Submission> unfinished() {
        return store.jdbc.query("SELECT " + COLUMNS + " FROM submissions WHERE state IN ('ACCEPTED', 'RUNNING') ORDER BY seq", ROW);
    }

    byte[] body(String id) {
        return store.jdbc.queryForObject("SELECT body FROM submissions WHERE id = ?", byte[].class, id);
    }

    void started(String id) {
        store.jdbc.update("UPDATE submissions SET state = ?, started_at = ? WHERE id = ?", Submission.State.RUNNING.name(), now(), id);
    }

    void finished(String id, Submission.State state, String resultJson) {
        store.jdbc.update("UPDATE submissions SET state = ?, result = ?, finished_at = ? WHERE id = ?", state.name(), resultJson, now(), id);
    }

    /** One audit record: who did what to which input, with what outcome and commits. Never the input or a secret. */
    void audit(String actor, String action, String network, String submissionId, String sha256, String outcome, String commitsJson) {
        store.jdbc.update("INSERT INTO audit (at, actor, action, network, submission_id, sha256, outcome, commits) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                now(), actor, action, network, submissionId, sha256, outcome, commitsJson);
    }

    record AuditRecord(String at, String actor, String action, String network, String submissionId, String sha256, String outcome,
                       String commits) {
    }

    List<AuditRecord> audit(String network) {
        return store.jdbc.query("SELECT at, actor, action, network, submission_id, sha256, outcome, commits FROM audit WHERE network = ? ORDER BY seq",
                (rs, i) -> new AuditRecord(rs.getObject(1, OffsetDateTime.class).toString(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)), network);
    }
}
