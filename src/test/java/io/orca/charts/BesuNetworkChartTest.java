package io.orca.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BesuNetworkChartTest {

  static String rendered;
  static List<HasMetadata> objects;
  static Map<String, Object> values;

  @BeforeAll
  static void render() throws IOException {
    rendered = Charts.template("besu-network", "supplychain-network", "supplychain-bes",
        Charts.values("besu-network-values.yaml"));
    objects = Charts.parseStrict(rendered);
    values = Charts.yaml().load(Files.readString(Charts.values("besu-network-values.yaml")));
  }

  @Test
  void rendersGenesisAndPeersConfigMaps() {
    assertEquals(Set.of("supplychain-network-genesis", "supplychain-network-peers"),
        objects.stream().map(o -> o.getMetadata().getName()).collect(Collectors.toSet()));
    assertTrue(objects.stream().allMatch(o -> o instanceof ConfigMap));
  }

  @Test
  void genesisIsPassedThroughUnchanged() throws IOException {
    ConfigMap genesis = Charts.one(objects, ConfigMap.class, "supplychain-network-genesis");
    ObjectMapper json = new ObjectMapper();
    JsonNode rendered = json.readTree(genesis.getData().get("genesis.json"));
    assertEquals(json.readTree((String) values.get("genesis")), rendered);
    assertEquals(2018, rendered.at("/config/chainId").asInt());
  }

  @Test
  @SuppressWarnings("unchecked")
  void staticNodesAndBootnodes() throws IOException {
    ConfigMap peers = Charts.one(objects, ConfigMap.class, "supplychain-network-peers");
    List<String> staticNodes = new ObjectMapper().readValue(peers.getData().get("static-nodes.json"), List.class);
    assertEquals(values.get("staticNodes"), staticNodes);
    assertEquals(String.join(",", (List<String>) values.get("bootnodes")), peers.getData().get("bootnodes"));
  }

  @Test
  void noBootnodesKeyWhenEmpty(@TempDir Path tmp) throws IOException {
    Path v = tmp.resolve("v.yaml");
    Files.writeString(v, "genesis: '{\"config\": {\"chainId\": 1337}}'\n");
    ConfigMap peers = Charts.one(Charts.parseStrict(Charts.template("besu-network", "n", "ns", v)),
        ConfigMap.class, "n-peers");
    assertEquals("[]", peers.getData().get("static-nodes.json"));
    assertFalse(peers.getData().containsKey("bootnodes"));
  }

  @Test
  void invalidGenesisFailsRendering(@TempDir Path tmp) throws IOException {
    Path v = tmp.resolve("v.yaml");
    Files.writeString(v, "genesis: 'not json'\n");
    Exception e = assertThrows(Exception.class, () -> Charts.template("besu-network", "n", "ns", v));
    assertTrue(e.getMessage().contains("genesis must be a JSON object"), e.getMessage());
    Files.writeString(v, "staticNodes: []\n");
    e = assertThrows(Exception.class, () -> Charts.template("besu-network", "n", "ns", v));
    assertTrue(e.getMessage().contains("genesis is required"), e.getMessage());
  }

  @Test
  void labelsAndNoKeyMaterial() {
    for (HasMetadata o : objects) {
      Map<String, String> l = o.getMetadata().getLabels();
      assertEquals("besu-network", l.get("app.kubernetes.io/name"));
      assertEquals("supplychain-network", l.get("app.kubernetes.io/instance"));
      assertEquals("network-config", l.get("app.kubernetes.io/component"));
      assertEquals("orca", l.get("app.kubernetes.io/part-of"));
      assertEquals("Helm", l.get("app.kubernetes.io/managed-by"));
      assertTrue(l.containsKey("app.kubernetes.io/version"));
    }
    Charts.assertNoPrivateKeyMaterial(rendered);
  }
}
