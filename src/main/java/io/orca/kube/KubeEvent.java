package io.orca.kube;

import java.time.Instant;

/** A Kubernetes Event about an object: what a failing Pod or Job says for itself. */
public record KubeEvent(String type, String reason, String message, String objectKind, String objectName, int count,
                        Instant lastSeen) {
    public boolean warning() {
        return "Warning".equals(type);
    }

    @Override
    public String toString() {
        return objectKind + " " + objectName + ": " + reason + ": " + message + (count > 1 ? " (x" + count + ")" : "");
    }
}
