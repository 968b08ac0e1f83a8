package io.orca.publish;

/** A publish failure whose message is already clear and free of secrets. */
public final class PublishException extends Exception {
    public PublishException(String message) {
        super(message);
    }

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
