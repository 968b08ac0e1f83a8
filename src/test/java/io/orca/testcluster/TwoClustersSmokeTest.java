package io.orca.testcluster;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Two clusters run side by side (multi-cluster tests need two): separate ports, separate state. */
@ClusterTest
class TwoClustersSmokeTest {

    @Test
    void aSecondClusterRunsBesideTheFirst(TestCluster first) throws Exception {
        try (TestCluster second = TestCluster.start("junit-second")) {
            assertNotEquals(first.client().getConfiguration().getMasterUrl(), second.client().getConfiguration().getMasterUrl());
            String ns = second.createNamespace("only-in-second");
            assertNotNull(second.client().namespaces().withName(ns).get());
            assertNull(first.client().namespaces().withName(ns).get(), "the clusters share no state");
        }
    }
}
