package io.orca.apply;

/**
 * Hears each release's phase as it changes (from several threads at once): the CLI prints it on a terminal, the
 * service may stream it. Must not block.
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = r -> {
    };

    void update(ReleaseResult release);

    /** A message about an organization (namespace created, Secrets applied, a refusal). */
    default void note(String organization, String message) {
    }
}
