package io.orca.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** helm lint --strict on every chart, with its defaults and with realistic values; schema violations are rejected. */
class ChartLintTest {

  @ParameterizedTest
  @ValueSource(strings = {"besu-network", "besu-node", "tessera", "quorum-network", "quorum-node", "fabric-msp",
      "fabric-orderer", "fabric-peer", "fabric-channel", "fabric-chaincode"})
  void lintStrictWithDefaults(String chart) {
    LintResult result = new Helm(Charts.chart(chart)).lint().strict().call();
    System.out.println("lint " + chart + ": " + result.getMessages());
    assertFalse(result.isFailed(), chart + ": " + result.getMessages());
    assertTrue(result.getMessages().stream().noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]")),
        chart + ": " + result.getMessages());
  }

  @ParameterizedTest
  @CsvSource({
      "besu-network, besu-network-values.yaml",
      "besu-node, besu-node-values.yaml",
      "besu-node, besu-node-member-values.yaml",
      "tessera, tessera-values.yaml",
      "quorum-network, quorum-network-values.yaml",
      "quorum-node, quorum-node-values.yaml",
      "quorum-node, quorum-node-raft-member-values.yaml",
      "fabric-msp, fabric-msp-values.yaml",
      "fabric-orderer, fabric-orderer-values.yaml",
      "fabric-peer, fabric-peer-values.yaml",
      "fabric-channel, fabric-channel-values.yaml",
      "fabric-chaincode, fabric-chaincode-values.yaml"})
  void lintStrictWithRealisticValues(String chart, String values, @TempDir Path tmp) {
    Path copy = Charts.copyWithValues(chart, Charts.values(values), tmp);
    LintResult result = new Helm(copy).lint().strict().call();
    assertFalse(result.isFailed(), chart + " + " + values + ": " + result.getMessages());
  }

  @ParameterizedTest
  @CsvSource({
      "besu-network, besu-network-invalid-values.yaml",
      "besu-node, besu-node-invalid-values.yaml",
      "tessera, tessera-invalid-values.yaml",
      "quorum-network, quorum-network-invalid-values.yaml",
      "quorum-node, quorum-node-invalid-values.yaml",
      "fabric-msp, fabric-msp-invalid-values.yaml",
      "fabric-orderer, fabric-orderer-invalid-values.yaml",
      "fabric-peer, fabric-peer-invalid-values.yaml",
      "fabric-channel, fabric-channel-invalid-values.yaml",
      "fabric-chaincode, fabric-chaincode-invalid-values.yaml"})
  void schemaViolationIsRejectedByLint(String chart, String values, @TempDir Path tmp) {
    Path copy = Charts.copyWithValues(chart, Charts.values(values), tmp);
    LintResult result = new Helm(copy).lint().strict().call();
    assertTrue(result.isFailed(), chart + " + " + values + " should fail lint: " + result.getMessages());
    assertTrue(String.join("\n", result.getMessages()).contains("schema"), String.join("\n", result.getMessages()));
  }

  @ParameterizedTest
  @CsvSource({
      "besu-network, besu-network-invalid-values.yaml",
      "besu-node, besu-node-invalid-values.yaml",
      "tessera, tessera-invalid-values.yaml",
      "quorum-network, quorum-network-invalid-values.yaml",
      "quorum-node, quorum-node-invalid-values.yaml",
      "fabric-msp, fabric-msp-invalid-values.yaml",
      "fabric-orderer, fabric-orderer-invalid-values.yaml",
      "fabric-peer, fabric-peer-invalid-values.yaml",
      "fabric-channel, fabric-channel-invalid-values.yaml",
      "fabric-chaincode, fabric-chaincode-invalid-values.yaml"})
  void schemaViolationIsRejectedByTemplate(String chart, String values) {
    Exception e = assertThrows(Exception.class, () -> Charts.template(chart, "x", "ns", Charts.values(values)));
    assertTrue(e.getMessage().contains("schema"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"besu-network", "besu-node", "tessera", "quorum-network", "quorum-node", "fabric-msp",
      "fabric-orderer", "fabric-peer", "fabric-channel", "fabric-chaincode"})
  void chartMetadata(String chart) throws IOException {
    Map<String, Object> meta = Charts.yaml().load(Files.readString(Charts.chart(chart).resolve("Chart.yaml")));
    assertEquals("v2", meta.get("apiVersion"));
    assertEquals(chart, meta.get("name"));
    assertEquals("0.1.0", meta.get("version"));
    assertTrue(meta.get("appVersion") instanceof String s && !s.isBlank(), "appVersion");
    Map<String, Object> schema = Charts.yaml().load(Files.readString(Charts.chart(chart).resolve("values.schema.json")));
    assertEquals("http://json-schema.org/draft-07/schema#", schema.get("$schema"));
    assertEquals(Boolean.FALSE, schema.get("additionalProperties"));
    assertTrue(Files.isRegularFile(Charts.chart(chart).resolve("README.md")), "README.md");
  }
}
