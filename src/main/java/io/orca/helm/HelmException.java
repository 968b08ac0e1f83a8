package io.orca.helm;

/** A Helm operation failed; the message names the operation and the release and carries Helm's own reason. */
public class HelmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HelmException(String message) {
        super(message);
    }

    public HelmException(String message, Throwable cause) {
        super(message, cause);
    }
}
