package io.orca.publish;

/** Outcome of publishing to one repository. */
public enum PublishStatus {
    /** The remote already has the desired content: no commit. */
    UNCHANGED,
    /** A commit was made and pushed. */
    COMMITTED,
    /** Dry run: a commit would be made. */
    WOULD_CHANGE,
    /** Nothing was pushed; see the message. */
    FAILED
}
