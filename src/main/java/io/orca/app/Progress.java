package io.orca.app;

/**
 * What a long use case tells its caller as it goes (the CLI draws it on a terminal): {@code done} of {@code total}
 * steps of {@code what}, {@code current} naming the step just finished (an organization, a repository). Called from
 * worker threads; implementations must be thread-safe and cheap.
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = (what, done, total, current) -> {
    };

    void step(String what, int done, int total, String current);
}
