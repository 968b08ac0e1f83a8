package io.orca.kube;

/**
 * A Kubernetes call failed: the message names the cluster, the operation and the object, and gives the API server's
 * reason in one line. It never carries a Secret's data.
 */
public final class KubeException extends RuntimeException {
    private final int code;

    public KubeException(String message, int code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The HTTP status the API server answered, 0 when it was not reached. */
    public int code() {
        return code;
    }

    public boolean unreachable() {
        return code == 0;
    }
}
