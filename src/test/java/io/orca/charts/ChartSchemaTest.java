package io.orca.charts;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One schema violation at a time, on top of a valid values file: each must be rejected by Helm. */
class ChartSchemaTest {

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(delimiter = '|', value = {
      "besu-node | besu-node-values.yaml | image: {tag: latest}",
      "besu-node | besu-node-values.yaml | image: {tag: ''}",
      "besu-node | besu-node-values.yaml | node: {role: observer}",
      "besu-node | besu-node-values.yaml | node: {consensus: pow}",
      "besu-node | besu-node-values.yaml | node: {nodeKey: {value: '0xabc'}}",
      "besu-node | besu-node-values.yaml | node: {nodeKey: {secretName: Not_A_Name}}",
      "besu-node | besu-node-values.yaml | ports: {p2p: 303}",
      "besu-node | besu-node-values.yaml | ports: {rpc: '8545'}",
      "besu-node | besu-node-values.yaml | metrics: {enabled: 'yes'}",
      "besu-node | besu-node-values.yaml | persistence: {size: 10GB}",
      "besu-node | besu-node-values.yaml | securityContext: {runAsUser: 0}",
      "besu-node | besu-node-values.yaml | securityContext: {privileged: true}",
      "besu-node | besu-node-values.yaml | resources: {limits: {gpu: 1}}",
      "besu-node | besu-node-values.yaml | tolerations: [{key: a, operator: Maybe}]",
      "besu-node | besu-node-values.yaml | nodeSelector: {kubernetes.io/arch: [arm64]}",
      "besu-node | besu-node-values.yaml | privacy: {enabled: true}",
      "besu-node | besu-node-values.yaml | replicas: 2",
      "besu-node | besu-node-values.yaml | commonLabels: {app.kubernetes.io/name: other}",
      "besu-node | besu-node-values.yaml | commonLabels: {team: 'not a label value'}",
      "besu-network | besu-network-values.yaml | staticNodes: ['enode://abc@host:30303']",
      "besu-network | besu-network-values.yaml | bootnodes: [http://host:30303]",
      "besu-network | besu-network-values.yaml | nodekeys: []",
      "tessera | tessera-values.yaml | image: {tag: latest}",
      "tessera | tessera-values.yaml | keys: {privateKeyData: abc}",
      "tessera | tessera-values.yaml | peers: [carrier-tessera:9000]",
      "tessera | tessera-values.yaml | mode: besu",
      "tessera | tessera-values.yaml | ports: {client: 80}",
      "tessera | tessera-values.yaml | database: {url: 'jdbc:mysql://db'}",
      "quorum-node | quorum-node-values.yaml | image: {tag: latest}",
      "quorum-node | quorum-node-values.yaml | node: {role: observer}",
      "quorum-node | quorum-node-values.yaml | node: {consensus: clique}",
      "quorum-node | quorum-node-values.yaml | node: {nodeKey: {value: 'abc'}}",
      "quorum-node | quorum-node-values.yaml | node: {maxPeers: 0}",
      "quorum-node | quorum-node-values.yaml | ports: {raft: 443}",
      "quorum-node | quorum-node-values.yaml | ports: {p2p: '30303'}",
      "quorum-node | quorum-node-values.yaml | securityContext: {runAsUser: 0}",
      "quorum-node | quorum-node-values.yaml | privacy: {enabled: true}",
      "quorum-node | quorum-node-values.yaml | rpc: {api: [ETH]}",
      "quorum-node | quorum-node-values.yaml | replicas: 2",
      "quorum-node | quorum-node-values.yaml | network: {genesisConfigMap: Not_A_Name}",
      "quorum-network | quorum-network-values.yaml | permissionedNodes: ['enode://abc@host:30303']",
      "quorum-network | quorum-network-values.yaml | bootnodes: [http://host:30303]",
      "quorum-network | quorum-network-values.yaml | genesis: 42"})
  void violationIsRejected(String chart, String base, String override, @TempDir Path tmp) throws IOException {
    Path valid = Charts.values(base);
    Charts.template(chart, "r", "ns", valid); // the base is valid
    Path bad = tmp.resolve("override.yaml");
    Files.writeString(bad, override + "\n");
    Path merged = tmp.resolve("merged.yaml");
    Files.writeString(merged, Charts.yaml().dump(Charts.merge(
        Charts.yaml().load(Files.readString(valid)), Charts.yaml().load(Files.readString(bad)))));
    Exception e = assertThrows(Exception.class, () -> Charts.template(chart, "r", "ns", merged));
    assertTrue(e.getMessage().contains("schema") || e.getMessage().contains("required"), e.getMessage());
  }
}
