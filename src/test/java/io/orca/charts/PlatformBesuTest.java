package io.orca.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** platforms/besu/platform.yaml is consistent with the charts it names. */
class PlatformBesuTest {

  static Map<String, Object> platform;

  @BeforeAll
  static void load() throws IOException {
    platform = Charts.yaml().load(Files.readString(Charts.projectDir().resolve("platforms/besu/platform.yaml")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    assertTrue(o instanceof Map, "expected a mapping: " + o);
    return (Map<String, Object>) o;
  }

  @Test
  void namespaceSuffix() {
    assertEquals("besu", platform.get("platform"));
    assertEquals("-bes", platform.get("namespace_suffix"));
    assertEquals(Boolean.TRUE, platform.get("plannable"));
  }

  @Test
  void chartsExistWithTheDeclaredVersions() throws IOException {
    Map<String, Object> charts = map(platform.get("charts"));
    assertEquals(Map.of("network", "besu-network", "node", "besu-node", "tm", "tessera"),
        Map.of("network", map(charts.get("network")).get("name"), "node", map(charts.get("node")).get("name"),
            "tm", map(charts.get("tm")).get("name")));
    for (Object c : charts.values()) {
      Map<String, Object> chart = map(c);
      Map<String, Object> meta = Charts.yaml().load(Files.readString(
          Charts.chart((String) chart.get("name")).resolve("Chart.yaml")));
      assertEquals(meta.get("version"), chart.get("version"), "version of " + chart.get("name"));
    }
  }

  @Test
  void bevelBesuVersionsArePinned() {
    Map<String, Object> versions = map(platform.get("versions"));
    for (String v : List.of("21.1.1", "21.10.6", "22.10.2")) {
      assertTrue(versions.containsKey(v), "missing network.version " + v);
    }
    versions.forEach((v, e) -> {
      Map<String, Object> entry = map(e);
      assertEquals("hyperledger/besu", entry.get("image"));
      assertTrue(entry.get("tag") instanceof String tag && tag.matches("[0-9]+\\.[0-9]+\\.[0-9]+"), "pinned tag for " + v);
      assertNotNull(entry.get("privacy"));
    });
    assertTrue(versions.containsKey((String) platform.get("default_version")));
  }

  @Test
  void tesseraVersionsArePinned() {
    Map<String, Object> tessera = map(map(platform.get("transaction_managers")).get("tessera"));
    assertEquals("tm", tessera.get("component"));
    Map<String, Object> versions = map(tessera.get("versions"));
    assertTrue(versions.containsKey("21.7.3"));
    versions.forEach((v, e) -> {
      assertEquals("quorumengineering/tessera", map(e).get("image"));
      assertFalse("latest".equals(map(e).get("tag")));
    });
    assertTrue(versions.containsKey((String) tessera.get("default_version")));
  }

  @Test
  void consensusMapsToChartValues() {
    map(platform.get("consensus")).values().forEach(v -> assertTrue(List.of("qbft", "ibft2", "clique").contains(v)));
  }

  /** Every Besu version of platform.yaml renders through besu-node with its image tag. */
  @Test
  void everyVersionRenders(@TempDir Path tmp) throws IOException {
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, Object> e : map(platform.get("versions")).entrySet()) {
      String tag = (String) map(e.getValue()).get("tag");
      Path values = tmp.resolve(tag + ".yaml");
      Files.writeString(values, Files.readString(Charts.values("besu-node-values.yaml"))
          .replace("tag: \"22.10.2\"", "tag: \"" + tag + "\""));
      StatefulSet sts = Charts.one(Charts.parseStrict(Charts.template("besu-node", "v", "ns", values)),
          StatefulSet.class, "v");
      String image = sts.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
      if (!image.equals(map(e.getValue()).get("image") + ":" + tag)) {
        failures.add(e.getKey() + " -> " + image);
      }
    }
    assertTrue(failures.isEmpty(), failures.toString());
  }
}
