package io.orca.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
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

class BesuNodeChartTest {

  static String validatorYaml;
  static List<HasMetadata> validator;
  static String memberYaml;
  static List<HasMetadata> member;

  @BeforeAll
  static void render() {
    validatorYaml = Charts.template("besu-node", "validator-1", "supplychain-bes", Charts.values("besu-node-values.yaml"));
    validator = Charts.parseStrict(validatorYaml);
    memberYaml = Charts.template("besu-node", "carrier", "carrier-bes", Charts.values("besu-node-member-values.yaml"));
    member = Charts.parseStrict(memberYaml);
  }

  private static Container besu(List<HasMetadata> objects, String name) {
    StatefulSet sts = Charts.one(objects, StatefulSet.class, name);
    return sts.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals("besu")).findFirst().orElseThrow();
  }

  private static Volume volume(StatefulSet sts, String name) {
    return sts.getSpec().getTemplate().getSpec().getVolumes().stream()
        .filter(v -> v.getName().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no volume " + name));
  }

  private static Set<String> ports(Service service) {
    return service.getSpec().getPorts().stream().map(p -> p.getPort() + "/" + p.getProtocol()).collect(Collectors.toSet());
  }

  @Test
  void rendersExactlyTheExpectedObjects() {
    assertEquals(Set.of("StatefulSet/validator-1", "Service/validator-1", "Service/validator-1-rpc", "Service/validator-1-metrics"),
        validator.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).collect(Collectors.toSet()));
    assertEquals(Set.of("StatefulSet/carrier", "Service/carrier", "Service/carrier-rpc"),
        member.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).collect(Collectors.toSet()));
  }

  @Test
  void statefulSetOneReplicaWithPvcTemplate() {
    StatefulSet sts = Charts.one(validator, StatefulSet.class, "validator-1");
    assertEquals(1, sts.getSpec().getReplicas());
    assertEquals("validator-1", sts.getSpec().getServiceName());
    var pvc = sts.getSpec().getVolumeClaimTemplates().get(0);
    assertEquals("data", pvc.getMetadata().getName());
    assertEquals("10Gi", pvc.getSpec().getResources().getRequests().get("storage").toString());
    assertEquals("local-path", pvc.getSpec().getStorageClassName());
    // Empty storageClass: the field is omitted so the cluster default applies.
    assertEquals(null, Charts.one(member, StatefulSet.class, "carrier").getSpec().getVolumeClaimTemplates().get(0)
        .getSpec().getStorageClassName());
    assertEquals("hyperledger/besu:22.10.2", besu(validator, "validator-1").getImage());
  }

  @Test
  void runsAsNonRootWithRestrictiveSecurityContext() {
    for (var objects : List.of(validator, member)) {
      for (StatefulSet sts : Charts.ofType(objects, StatefulSet.class)) {
        Charts.assertRestrictedSecurity(sts.getSpec().getTemplate().getSpec());
        assertTrue(sts.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts().stream()
            .anyMatch(m -> m.getMountPath().equals("/tmp")), "writable /tmp for a read-only root filesystem");
      }
    }
  }

  @Test
  void nodeKeyComesFromTheNamedSecretOnly() {
    StatefulSet sts = Charts.one(validator, StatefulSet.class, "validator-1");
    Volume key = volume(sts, "node-key");
    assertEquals("validator-1-nodekey", key.getSecret().getSecretName());
    assertEquals("nodekey", key.getSecret().getItems().get(0).getKey());
    assertEquals("key", key.getSecret().getItems().get(0).getPath());
    assertEquals(1, key.getSecret().getItems().size(), "only the node key item is projected");
    assertEquals(0440, key.getSecret().getDefaultMode(), "owner and group (fsGroup) read-only");
    Container c = besu(validator, "validator-1");
    assertTrue(c.getArgs().contains("--node-private-key-file=/secrets/node/key"), c.getArgs().toString());
    assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getName().equals("node-key")
        && m.getMountPath().equals("/secrets/node") && Boolean.TRUE.equals(m.getReadOnly())));
    Charts.assertNoPrivateKeyMaterial(validatorYaml);
    Charts.assertNoPrivateKeyMaterial(memberYaml);
  }

  @Test
  void genesisAndPeersFromBesuNetworkConfigMaps() {
    StatefulSet sts = Charts.one(validator, StatefulSet.class, "validator-1");
    assertEquals("supplychain-network-genesis", volume(sts, "genesis").getConfigMap().getName());
    assertEquals("supplychain-network-peers", volume(sts, "peers").getConfigMap().getName());
    Container c = besu(validator, "validator-1");
    assertTrue(c.getArgs().contains("--genesis-file=/etc/besu/genesis/genesis.json"));
    assertTrue(c.getArgs().contains("--static-nodes-file=/etc/besu/peers/static-nodes.json"));
    // Static nodes are the validators only: members find each other through discovery, from the bootnodes.
    assertTrue(c.getArgs().contains("--discovery-enabled=true"), c.getArgs().toString());
    var bootnodes = c.getEnv().stream().filter(e -> e.getName().equals("BESU_BOOTNODES")).findFirst().orElseThrow();
    assertEquals("supplychain-network-peers", bootnodes.getValueFrom().getConfigMapKeyRef().getName());
    assertEquals("bootnodes", bootnodes.getValueFrom().getConfigMapKeyRef().getKey());
    assertEquals(Boolean.TRUE, bootnodes.getValueFrom().getConfigMapKeyRef().getOptional());
  }

  @Test
  void servicesForP2pRpcWs() {
    Service p2p = Charts.one(validator, Service.class, "validator-1");
    assertEquals("None", p2p.getSpec().getClusterIP());
    assertEquals(Boolean.TRUE, p2p.getSpec().getPublishNotReadyAddresses());
    assertEquals(Set.of("30303/TCP", "30303/UDP"), ports(p2p));
    assertEquals(Set.of("8545/TCP", "8546/TCP"), ports(Charts.one(validator, Service.class, "validator-1-rpc")));
    StatefulSet sts = Charts.one(validator, StatefulSet.class, "validator-1");
    Map<String, String> podLabels = sts.getSpec().getTemplate().getMetadata().getLabels();
    for (Service s : Charts.ofType(validator, Service.class)) {
      s.getSpec().getSelector().forEach((k, v) -> assertEquals(v, podLabels.get(k), "selector " + k));
      for (ServicePort port : s.getSpec().getPorts()) {
        String target = port.getTargetPort().getStrVal();
        assertTrue(besu(validator, "validator-1").getPorts().stream().anyMatch(p -> p.getName().equals(target)),
            "service port targets a named container port: " + target);
      }
    }
  }

  @Test
  void metricsServiceOnlyWhenEnabled() {
    Service metrics = Charts.one(validator, Service.class, "validator-1-metrics");
    assertEquals(Set.of("9545/TCP"), ports(metrics));
    assertTrue(besu(validator, "validator-1").getArgs().contains("--metrics-enabled=true"));
    assertTrue(Charts.ofType(member, Service.class).stream().noneMatch(s -> s.getMetadata().getName().endsWith("-metrics")));
    assertFalse(besu(member, "carrier").getArgs().stream().anyMatch(a -> a.startsWith("--metrics")));
    assertFalse(besu(member, "carrier").getPorts().stream().anyMatch(p -> p.getName().equals("metrics")));
  }

  @Test
  void probesUseBesuHealthEndpoints() {
    Container c = besu(validator, "validator-1");
    assertEquals("/liveness", c.getLivenessProbe().getHttpGet().getPath());
    assertEquals("rpc", c.getLivenessProbe().getHttpGet().getPort().getStrVal());
    assertTrue(c.getReadinessProbe().getHttpGet().getPath().startsWith("/readiness?minPeers="));
    assertEquals("/liveness", c.getStartupProbe().getHttpGet().getPath());
  }

  @Test
  void roleAndConsensusFlags() {
    Container v = besu(validator, "validator-1");
    assertTrue(v.getArgs().contains("--rpc-http-api=ETH,NET,WEB3,QBFT"), v.getArgs().toString());
    assertEquals("validator", Charts.one(validator, StatefulSet.class, "validator-1").getMetadata().getLabels()
        .get("app.kubernetes.io/component"));
    Container m = besu(member, "carrier");
    assertTrue(m.getArgs().contains("--rpc-http-api=ETH,NET,WEB3,PRIV,EEA"), m.getArgs().toString());
    assertTrue(m.getArgs().contains("--privacy-enabled=true"));
    assertTrue(m.getArgs().contains("--privacy-url=http://carrier-tessera:8888"));
    Volume tm = volume(Charts.one(member, StatefulSet.class, "carrier"), "tessera-public-key");
    assertEquals("carrier-tessera-keys", tm.getSecret().getSecretName());
    assertEquals(List.of("tm.pub"), tm.getSecret().getItems().stream().map(i -> i.getKey()).toList(),
        "only the Tessera public key is mounted into Besu");
  }

  @Test
  void schedulingValuesPropagate() {
    var pod = Charts.one(validator, StatefulSet.class, "validator-1").getSpec().getTemplate().getSpec();
    assertEquals(Map.of("kubernetes.io/arch", "arm64"), pod.getNodeSelector());
    Toleration t = pod.getTolerations().get(0);
    assertEquals("node-role.kubernetes.io/edge", t.getKey());
    assertEquals("Exists", t.getOperator());
    assertEquals("NoSchedule", t.getEffect());
    assertNotNull(pod.getAffinity().getNodeAffinity());
    var memberPod = Charts.one(member, StatefulSet.class, "carrier").getSpec().getTemplate().getSpec();
    assertTrue(memberPod.getNodeSelector() == null || memberPod.getNodeSelector().isEmpty());
    assertTrue(memberPod.getTolerations() == null || memberPod.getTolerations().isEmpty());
  }

  @Test
  void standardLabels() {
    for (HasMetadata o : validator) {
      Map<String, String> l = o.getMetadata().getLabels();
      assertEquals("besu-node", l.get("app.kubernetes.io/name"));
      assertEquals("validator-1", l.get("app.kubernetes.io/instance"));
      assertEquals("22.10.2", l.get("app.kubernetes.io/version"));
      assertEquals("orca", l.get("app.kubernetes.io/part-of"));
      assertEquals("Helm", l.get("app.kubernetes.io/managed-by"));
      assertEquals("validator", l.get("app.kubernetes.io/component"));
    }
  }

  @Test
  void longReleaseNamesStayWithin63Characters() {
    String release = "a-very-long-organisation-name-validator-node-12345678"; // 53 characters, Helm's maximum
    assertEquals(53, release.length());
    List<HasMetadata> objects = Charts.parseStrict(
        Charts.template("besu-node", release, "ns", Charts.values("besu-node-values.yaml")));
    for (HasMetadata o : objects) {
      assertTrue(o.getMetadata().getName().length() <= 63, o.getMetadata().getName());
      assertFalse(o.getMetadata().getName().endsWith("-"), o.getMetadata().getName());
    }
    // Pods get controller-revision-hash=<statefulset>-<10 chars>: the StatefulSet name must stay within 52.
    StatefulSet sts = Charts.ofType(objects, StatefulSet.class).get(0);
    assertTrue(sts.getMetadata().getName().length() <= 52, sts.getMetadata().getName());
    assertEquals(release.substring(0, 52), sts.getMetadata().getName());
  }

  @Test
  void missingNodeKeySecretFailsRendering(@TempDir Path tmp) throws IOException {
    Path values = tmp.resolve("v.yaml");
    Files.writeString(values, Files.readString(Charts.values("besu-node-values.yaml"))
        .replace("secretName: validator-1-nodekey", "secretName: \"\""));
    Exception e = assertThrows(Exception.class, () -> Charts.template("besu-node", "v", "ns", values));
    assertTrue(e.getMessage().contains("node.nodeKey.secretName is required"), e.getMessage());
  }

  @Test
  void privacyWithoutUrlIsRejected(@TempDir Path tmp) throws IOException {
    Path values = tmp.resolve("v.yaml");
    Files.writeString(values, Files.readString(Charts.values("besu-node-member-values.yaml"))
        .replace("url: http://carrier-tessera:8888", "url: \"\""));
    assertThrows(Exception.class, () -> Charts.template("besu-node", "v", "ns", values));
  }
}
