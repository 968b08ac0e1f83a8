package io.orca.secrets;

/** A failure of the secrets library: bad input, a file that is not a valid sops file, a key that does not fit. */
public class SecretsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SecretsException(String message) {
        super(message);
    }

    public SecretsException(String message, Throwable cause) {
        super(message, cause);
    }
}
