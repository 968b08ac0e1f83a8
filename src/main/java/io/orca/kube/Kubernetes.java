package io.orca.kube;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes seam: what Orca asks of one cluster ({@link KubeTarget}), on objects given as plain maps (as YAML
 * reads them), so that core kinds and custom resources (Flux's) go through the same calls. {@link Fabric8Kubernetes}
 * talks to an API server; unit tests use an in-memory fake. Failures are {@link KubeException}s.
 *
 * <p>Writes are server-side applies with the field manager {@value #FIELD_MANAGER}: Orca owns the fields it sets and
 * nothing else, and a re-apply of the same object changes nothing.
 */
public interface Kubernetes extends AutoCloseable {
    String FIELD_MANAGER = "orca";

    KubeTarget target();

    /** The API server's version, e.g. {@code v1.36.3}. */
    String serverVersion();

    /** Server-side apply of one object (forcing conflicts on the fields Orca sets); returns the object as stored. */
    Map<String, Object> apply(Map<String, Object> object);

    Optional<Map<String, Object>> get(ObjectRef ref);

    /**
     * The objects of a kind, in a namespace (every namespace when null), whose labels include {@code labels}.
     * An empty list when the kind is not served (e.g. Flux's CRDs are not installed).
     */
    List<Map<String, Object>> list(String apiVersion, String kind, String namespace, Map<String, String> labels);

    /** Deletes an object (dependents in the background); false when it was not there. */
    boolean delete(ObjectRef ref);

    /** Waits until the object is gone; false when it is still there after {@code timeout}. */
    boolean awaitGone(ObjectRef ref, Duration timeout) throws InterruptedException;

    /** The Events about objects of a namespace whose name starts with {@code namePrefix}, newest last. */
    List<KubeEvent> events(String namespace, String namePrefix);

    /** Whether the API server serves a kind (its CRD is installed, for custom resources). */
    boolean serves(String apiVersion, String kind);

    @Override
    void close();
}
