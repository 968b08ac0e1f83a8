package io.orca.platform.fabric.channel;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a channel's genesis block says, in configtx.yaml's terms (Fabric 2.5, channel participation: no system
 * channel, no consortium). The input of {@link GenesisBlock}; the planner builds it from network.yaml.
 *
 * @param timestamp the channel header's timestamp: input, so that the block's bytes are the same on every run
 */
public record ChannelSpec(String channelId, Instant timestamp, Map<String, Policy> policies, List<String> capabilities,
                          Orderer orderer, Application application) {
    public ChannelSpec {
        policies = copy(policies);
        capabilities = List.copyOf(capabilities);
    }

    /** The ordering service: etcdraft with its consenters, batching, and orderer organizations. */
    public record Orderer(String batchTimeout, BatchSize batchSize, RaftOptions raft, List<Consenter> consenters,
                          List<Organization> organizations, Map<String, Policy> policies, List<String> capabilities) {
        public Orderer {
            consenters = List.copyOf(consenters);
            organizations = List.copyOf(organizations);
            policies = copy(policies);
            capabilities = List.copyOf(capabilities);
        }
    }

    /** Batch limits; bytes (configtx.yaml's MB are MiB). */
    public record BatchSize(int maxMessageCount, int absoluteMaxBytes, int preferredMaxBytes) {
    }

    public record RaftOptions(String tickInterval, int electionTick, int heartbeatTick, int maxInflightBlocks,
                              long snapshotIntervalSize) {
    }

    /** A raft consenter; the certificates are PEM text, as the block carries them. */
    public record Consenter(String host, int port, String clientTlsCert, String serverTlsCert) {
    }

    public record Application(List<Organization> organizations, Map<String, Policy> policies, List<String> capabilities,
                              Map<String, String> acls) {
        public Application {
            organizations = List.copyOf(organizations);
            policies = copy(policies);
            capabilities = List.copyOf(capabilities);
            acls = copy(acls);
        }
    }

    /**
     * An organization of the channel. In the orderer group its {@code ordererEndpoints} become its Endpoints value, in
     * the application group its {@code anchorPeers} its AnchorPeers value (each only when not empty).
     *
     * @param name the group key (Bevel and configtx.yaml's Name: the MSP ID)
     */
    public record Organization(String name, String mspId, Msp msp, Map<String, Policy> policies, List<HostPort> anchorPeers,
                               List<String> ordererEndpoints) {
        public Organization {
            policies = copy(policies);
            anchorPeers = List.copyOf(anchorPeers);
            ordererEndpoints = List.copyOf(ordererEndpoints);
        }
    }

    /**
     * An organization's MSP as the channel knows it; certificates are PEM text.
     *
     * @param nodeOuCaCert with NodeOUs enabled, the CA certificate each role's OU identifier names
     */
    public record Msp(List<String> rootCerts, List<String> tlsRootCerts, List<String> admins, Optional<String> nodeOuCaCert) {
        public Msp {
            rootCerts = List.copyOf(rootCerts);
            tlsRootCerts = List.copyOf(tlsRootCerts);
            admins = List.copyOf(admins);
        }
    }

    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    private static <V> Map<String, V> copy(Map<String, V> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
