package io.orca.publish;

/**
 * Points where tests inject faults or concurrent changes. An exception thrown from a hook fails that
 * repository's publish as a crash would at that point.
 */
public interface PublishHooks {
    PublishHooks NONE = new PublishHooks() {
    };

    /** After the cache lock is held, before fetching. */
    default void lockAcquired(GitTarget target) throws Exception {
    }

    /** The commit exists in the local cache only; the remote has not been touched. */
    default void beforePush(GitTarget target, String commitId, int attempt) throws Exception {
    }
}
