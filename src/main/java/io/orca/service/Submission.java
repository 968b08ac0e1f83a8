package io.orca.service;

import java.time.OffsetDateTime;

/** A submitted network.yaml and where it is: ACCEPTED → RUNNING → PUBLISHED or FAILED. The input stays in the store. */
record Submission(String id, long seq, String network, String sha256, State state, String submittedBy, String result,
                  OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt) {
    enum State {
        ACCEPTED, RUNNING, PUBLISHED, FAILED;

        boolean done() {
            return this == PUBLISHED || this == FAILED;
        }
    }
}
