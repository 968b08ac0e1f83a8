package io.orca.charts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each chart's README lists every value of its values.yaml; docs/charts.md names every chart. */
class ChartReadmeTest {

  @ParameterizedTest
  @ValueSource(strings = {"besu-network", "besu-node", "tessera", "quorum-network", "quorum-node", "fabric-msp",
      "fabric-orderer", "fabric-peer", "fabric-channel", "fabric-chaincode"})
  void readmeListsEveryValue(String chart) throws IOException {
    Map<String, Object> values = Charts.yaml().load(Files.readString(Charts.chart(chart).resolve("values.yaml")));
    String readme = Files.readString(Charts.chart(chart).resolve("README.md"));
    List<String> missing = new ArrayList<>();
    collect("", values).stream().filter(p -> !readme.contains("`" + p + "`")).forEach(missing::add);
    assertTrue(missing.isEmpty(), chart + " README.md does not document " + missing);
    assertTrue(Files.readString(Charts.projectDir().resolve("docs/charts.md")).contains("charts/" + chart + "/README.md"));
  }

  @SuppressWarnings("unchecked")
  private static List<String> collect(String prefix, Map<String, Object> node) {
    List<String> out = new ArrayList<>();
    node.forEach((k, v) -> {
      String path = prefix.isEmpty() ? k : prefix + "." + k;
      if (v instanceof Map<?, ?> m && !m.isEmpty() && !path.equals("resources")) {
        out.addAll(collect(path, (Map<String, Object>) v));
      } else {
        out.add(path);
      }
    });
    return out;
  }
}
