package io.orca.app;

/**
 * A use case stopped for a reason that is not a diagnostic of the file (a missing age recipient, an unresolvable
 * credential reference while publishing...). Its message is safe to print and says what to do.
 */
public final class RefusedException extends RuntimeException {
    public RefusedException(String message) {
        super(message, null, false, false);
    }
}
