package io.orca.testcluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the one {@link TestCluster} of this test run: started once per JVM through
 * {@code scripts/test-cluster up} (and stopped with {@code down} when the run ends, if this run started it),
 * or an already running one named by {@code ORCA_TEST_KUBECONFIG} / {@code KUBECONFIG}.
 * Resolves parameters of type {@link TestCluster} and {@link KubernetesClient}.
 */
public final class TestClusterExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TestClusterExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestCluster.class || type == KubernetesClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestCluster cluster = cluster(context);
        return parameter.getParameter().getType() == TestCluster.class ? cluster : cluster.client();
    }

    /** The cluster of this run, started on first use; the root store closes it when the run ends. */
    public static TestCluster cluster(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NS);
        Holder holder = store.computeIfAbsent(Holder.class, k -> new Holder(), Holder.class);
        try {
            return holder.get();
        } catch (Exception e) {
            throw new ParameterResolutionException("could not start the test cluster: " + e.getMessage(), e);
        }
    }

    /** Stored in the root context: closed by JUnit once all tests of the run are done. */
    private static final class Holder implements AutoCloseable {
        private TestCluster cluster;
        private Exception failure;

        synchronized TestCluster get() throws Exception {
            if (failure != null) throw failure;
            if (cluster == null) {
                try {
                    cluster = TestCluster.startOrConnect();
                } catch (Exception e) {
                    failure = e;
                    throw e;
                }
            }
            return cluster;
        }

        @Override
        public synchronized void close() {
            if (cluster != null) cluster.close();
        }
    }
}
