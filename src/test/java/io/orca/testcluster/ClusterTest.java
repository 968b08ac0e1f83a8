package io.orca.testcluster;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that runs against the real test cluster (scripts/test-cluster): tagged {@code cluster}
 * and extended with {@link TestClusterExtension}, which injects {@link TestCluster} and a fabric8
 * {@link io.fabric8.kubernetes.client.KubernetesClient} into test methods and lifecycle methods.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(ClusterTest.TAG)
@ExtendWith(TestClusterExtension.class)
public @interface ClusterTest {
    /** The JUnit tag of tests that need the cluster. */
    String TAG = "cluster";
}
