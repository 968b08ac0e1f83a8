package io.orca.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
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

class TesseraChartTest {

  static String rendered;
  static List<HasMetadata> objects;

  @BeforeAll
  static void render() {
    rendered = Charts.template("tessera", "carrier-tessera", "carrier-bes", Charts.values("tessera-values.yaml"));
    objects = Charts.parseStrict(rendered);
  }

  private static StatefulSet sts() {
    return Charts.one(objects, StatefulSet.class, "carrier-tessera");
  }

  private static Container container() {
    return sts().getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  @Test
  void rendersStatefulSetServiceAndConfig() {
    assertEquals(Set.of("StatefulSet/carrier-tessera", "Service/carrier-tessera", "ConfigMap/carrier-tessera-config"),
        objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).collect(Collectors.toSet()));
    assertEquals(1, sts().getSpec().getReplicas());
    assertEquals("quorumengineering/tessera:21.7.3", container().getImage());
    assertEquals("2Gi", sts().getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests()
        .get("storage").toString());
  }

  @Test
  void servicePorts() {
    Service s = Charts.one(objects, Service.class, "carrier-tessera");
    assertEquals(Set.of("p2p:9000", "client:8888"),
        s.getSpec().getPorts().stream().map(p -> p.getName() + ":" + p.getPort()).collect(Collectors.toSet()));
    Map<String, String> podLabels = sts().getSpec().getTemplate().getMetadata().getLabels();
    s.getSpec().getSelector().forEach((k, v) -> assertEquals(v, podLabels.get(k)));
  }

  @Test
  void securityContextAndScheduling() {
    var pod = sts().getSpec().getTemplate().getSpec();
    Charts.assertRestrictedSecurity(pod);
    assertEquals(Map.of("kubernetes.io/arch", "arm64"), pod.getNodeSelector());
    assertEquals("node-role.kubernetes.io/edge", pod.getTolerations().get(0).getKey());
  }

  @Test
  void keysFromTheNamedSecretAndConfigPointsAtFiles() throws IOException {
    var keys = sts().getSpec().getTemplate().getSpec().getVolumes().stream()
        .filter(v -> v.getName().equals("keys")).findFirst().orElseThrow();
    assertEquals("carrier-tessera-keys", keys.getSecret().getSecretName());
    assertEquals(Set.of("tm.key", "tm.pub"),
        keys.getSecret().getItems().stream().map(i -> i.getKey()).collect(Collectors.toSet()));
    JsonNode config = config();
    JsonNode keyData = config.at("/keys/keyData/0");
    assertEquals("/secrets/tessera/tm.key", keyData.get("privateKeyPath").asText());
    assertEquals("/secrets/tessera/tm.pub", keyData.get("publicKeyPath").asText());
    assertEquals(2, keyData.size(), "only key file paths, never inline key material");
    Charts.assertNoPrivateKeyMaterial(rendered);
  }

  @Test
  void peersModeAndServers() throws IOException {
    JsonNode config = config();
    assertEquals("orion", config.get("mode").asText());
    assertEquals(List.of("http://manufacturer-tessera.manufacturer-bes.svc.cluster.local:9000",
            "http://store-tessera.store-bes.svc.cluster.local:9000"),
        config.get("peer").findValuesAsText("url"));
    // The peers are a bootstrap set: Tessera must discover the rest of the network from them.
    assertFalse(config.get("disablePeerDiscovery").asBoolean(true));
    assertFalse(config.get("useWhiteList").asBoolean(true));
    Map<String, JsonNode> servers = new java.util.HashMap<>();
    config.get("serverConfigs").forEach(s -> servers.put(s.get("app").asText(), s));
    assertEquals("http://carrier-tessera.carrier-bes.svc.cluster.local:9000", servers.get("P2P").get("serverAddress").asText());
    assertEquals("http://0.0.0.0:9000", servers.get("P2P").get("bindingAddress").asText());
    assertEquals("http://0.0.0.0:8888", servers.get("Q2T").get("serverAddress").asText());
    assertTrue(config.at("/jdbc/url").asText().startsWith("jdbc:h2:/data/"));
    assertTrue(container().getArgs().contains("/etc/tessera/tessera-config.json"));
  }

  @Test
  void probesUseUpcheck() {
    assertEquals("/upcheck", container().getLivenessProbe().getHttpGet().getPath());
    assertEquals("/upcheck", container().getReadinessProbe().getHttpGet().getPath());
  }

  @Test
  void missingKeysSecretFailsRendering(@TempDir Path tmp) throws IOException {
    Path v = tmp.resolve("v.yaml");
    Files.writeString(v, "peers: []\n");
    Exception e = assertThrows(Exception.class, () -> Charts.template("tessera", "t", "ns", v));
    assertTrue(e.getMessage().contains("keys.secretName is required"), e.getMessage());
  }

  private static JsonNode config() throws IOException {
    ConfigMap cm = Charts.one(objects, ConfigMap.class, "carrier-tessera-config");
    return new ObjectMapper().readTree(cm.getData().get("tessera-config.json"));
  }
}
