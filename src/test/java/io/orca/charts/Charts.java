package io.orca.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/** Test support: locates Orca's charts, renders them with Helm's engine and parses the output strictly. */
final class Charts {

  static final List<String> ALL = List.of("besu-network", "besu-node", "tessera", "quorum-network", "quorum-node", "fabric-msp",
      "fabric-orderer", "fabric-peer", "fabric-channel", "fabric-chaincode");

  /** Kinds the charts may render, mapped to fabric8's typed model. Anything else fails the tests. */
  static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
      "v1/ConfigMap", ConfigMap.class,
      "v1/Service", Service.class,
      "apps/v1/StatefulSet", StatefulSet.class,
      "apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class,
      "batch/v1/Job", io.fabric8.kubernetes.api.model.batch.v1.Job.class);

  /** fabric8's serialization (Jackson 3 since fabric8 8) on a mapper that fails on unknown or duplicate fields. */
  private static final KubernetesSerialization STRICT = new KubernetesSerialization(tools.jackson.databind.json.JsonMapper.builder()
      .enable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(tools.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(tools.jackson.databind.DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .build(), true);

  private Charts() {
  }

  static Path projectDir() {
    String dir = System.getProperty("orca.projectDir");
    return (dir == null || dir.isBlank() ? Paths.get("") : Paths.get(dir)).toAbsolutePath().normalize();
  }

  static Path chart(String name) {
    Path chart = projectDir().resolve("charts").resolve(name);
    assertTrue(Files.isRegularFile(chart.resolve("Chart.yaml")), "chart not found: " + chart);
    return chart;
  }

  static Path values(String fileName) {
    Path file = projectDir().resolve("src/test/resources/charts").resolve(fileName);
    assertTrue(Files.isRegularFile(file), "values file not found: " + file);
    return file;
  }

  /** helm template &lt;chart&gt; --name release --namespace ns -f values. */
  static String template(String chart, String release, String namespace, Path valuesFile) {
    var command = new Helm(chart(chart)).template().withName(release).withNamespace(namespace);
    if (valuesFile != null) {
      command = command.withValuesFile(valuesFile);
    }
    String rendered = command.call();
    try { // Kept for inspection: target/charts-rendered/<chart>-<release>.yaml
      Path out = projectDir().resolve("target/charts-rendered");
      Files.createDirectories(out);
      Files.writeString(out.resolve(chart + "-" + release + ".yaml"), rendered);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rendered;
  }

  static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    DumperOptions dumper = new DumperOptions();
    dumper.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options);
  }

  /** Each YAML document of the rendered output, as a plain tree. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> documents(String rendered) {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : yaml().loadAll(rendered)) {
      if (doc == null) {
        continue;
      }
      assertTrue(doc instanceof Map, "document is not a mapping: " + doc);
      docs.add((Map<String, Object>) doc);
    }
    return docs;
  }

  /**
   * Parses every rendered document into its typed fabric8 class: unknown fields fail
   * (FAIL_ON_UNKNOWN_PROPERTIES, plus no field may fall into a model's additionalProperties).
   */
  static List<HasMetadata> parseStrict(String rendered) {
    List<HasMetadata> objects = new ArrayList<>();
    for (Map<String, Object> doc : documents(rendered)) {
      String key = doc.get("apiVersion") + "/" + doc.get("kind");
      Class<? extends HasMetadata> type = KINDS.get(key);
      assertNotNull(type, "unexpected kind rendered: " + key);
      HasMetadata object;
      try {
        object = STRICT.convertValue(doc, type);
      } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
        throw new AssertionError("not a valid " + key + ": " + e.getMessage(), e);
      }
      assertNoAdditionalProperties(object, key);
      assertNotNull(object.getMetadata().getName(), "metadata.name");
      assertTrue(object.getMetadata().getName().length() <= 63, "name too long: " + object.getMetadata().getName());
      objects.add(object);
    }
    return objects;
  }

  static <T extends HasMetadata> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type, String name) {
    return ofType(objects, type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name + " in "
            + objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList()));
  }

  /** Walks the fabric8 object graph: any getAdditionalProperties() entry is a field the model does not know. */
  static void assertNoAdditionalProperties(Object root, String where) {
    walk(root, where, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private static void walk(Object node, String path, Set<Object> seen) {
    if (node == null || !seen.add(node)) {
      return;
    }
    if (node instanceof Collection<?> c) {
      int i = 0;
      for (Object item : c) {
        walk(item, path + "[" + i++ + "]", seen);
      }
      return;
    }
    if (node instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        walk(e.getValue(), path + "." + e.getKey(), seen);
      }
      return;
    }
    if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method m : node.getClass().getMethods()) {
      if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())
          || !(m.getName().startsWith("get") || m.getName().startsWith("is"))
          || m.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value;
      try {
        value = m.invoke(node);
      } catch (IllegalAccessException | InvocationTargetException e) {
        continue;
      }
      if (m.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()
            && !node.getClass().getSimpleName().equals("IntOrString")
            && !node.getClass().getSimpleName().equals("Quantity")) {
          fail("unknown field(s) " + extra.keySet() + " at " + path + " (" + node.getClass().getSimpleName() + ")");
        }
        continue;
      }
      walk(value, path + "." + m.getName(), seen);
    }
  }

  /** Copies a chart to a temporary directory, its values.yaml being the defaults deep-merged with overrides. */
  static Path copyWithValues(String chart, Path overrides, Path tempDir) {
    Path source = chart(chart);
    Path target = tempDir.resolve(chart);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path dest = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(file, dest);
        }
      }
      Yaml yaml = yaml();
      Map<String, Object> defaults = yaml.load(Files.readString(source.resolve("values.yaml")));
      Map<String, Object> extra = yaml.load(Files.readString(overrides));
      Files.writeString(target.resolve("values.yaml"), yaml.dump(merge(defaults, extra)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    over.forEach((k, v) -> {
      if (v instanceof Map && out.get(k) instanceof Map) {
        out.put(k, merge((Map<String, Object>) out.get(k), (Map<String, Object>) v));
      } else {
        out.put(k, v);
      }
    });
    return out;
  }

  private static final Pattern PEM_PRIVATE = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----");
  /** One or more PEM certificates and nothing else. */
  private static final Pattern CERTIFICATES = Pattern.compile(
      "(-----BEGIN CERTIFICATE-----\\n[A-Za-z0-9+/=\\n]+-----END CERTIFICATE-----\\n?)+");
  private static final Pattern PACKAGE_ID = Pattern.compile("[A-Za-z0-9_.+-]+:[0-9a-f]{64}");
  /** A bare 32-byte hex value (secp256k1 private key size), not part of a longer hex run. */
  private static final Pattern HEX_32_BYTES = Pattern.compile("(?<![0-9a-fA-F])(0x)?[0-9a-fA-F]{64}(?![0-9a-fA-F])");
  /** A bare 32-byte base64 value (Tessera/NaCl key size). */
  private static final Pattern BASE64_32_BYTES = Pattern.compile("(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=])");

  /**
   * No rendered value looks like private key material. The genesis document is excluded from the
   * 32-byte patterns only (it legitimately holds 32-byte hashes such as mixHash), not from the PEM check.
   */
  static void assertNoPrivateKeyMaterial(String rendered) {
    assertFalse(PEM_PRIVATE.matcher(rendered).find(), "rendered output contains a PEM private key");
    for (Map<String, Object> doc : documents(rendered)) {
      assertFalse("Secret".equals(doc.get("kind")), "charts must not render Secrets");
      scanStrings(doc, "", (path, value) -> {
        if (path.endsWith(".data.genesis.json") || CERTIFICATES.matcher(value).matches() || PACKAGE_ID.matcher(value).matches()) {
          return; // public by nature: 32-byte hashes (genesis), certificates' base64, Fabric package IDs (label:sha256)
        }
        assertFalse(HEX_32_BYTES.matcher(value).find(), "value at " + path + " looks like a hex private key");
        assertFalse(BASE64_32_BYTES.matcher(value).find(), "value at " + path + " looks like a base64 key");
      });
    }
  }

  interface StringVisitor {
    void visit(String path, String value);
  }

  private static void scanStrings(Object node, String path, StringVisitor visitor) {
    if (node instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        visitor.visit(path + "." + k + "#key", String.valueOf(k));
        scanStrings(v, path + "." + k, visitor);
      });
    } else if (node instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        scanStrings(l.get(i), path + "[" + i + "]", visitor);
      }
    } else if (node != null) {
      visitor.visit(path, String.valueOf(node));
    }
  }

  static void assertRestrictedSecurity(io.fabric8.kubernetes.api.model.PodSpec pod) {
    var psc = pod.getSecurityContext();
    assertNotNull(psc, "pod securityContext");
    assertEquals(Boolean.TRUE, psc.getRunAsNonRoot());
    assertEquals(1000L, psc.getRunAsUser());
    assertNotNull(psc.getFsGroup());
    assertEquals("RuntimeDefault", psc.getSeccompProfile().getType());
    assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken());
    for (var c : pod.getContainers()) {
      var sc = c.getSecurityContext();
      assertNotNull(sc, "container securityContext of " + c.getName());
      assertEquals(Boolean.TRUE, sc.getRunAsNonRoot());
      assertEquals(1000L, sc.getRunAsUser());
      assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation());
      assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem());
      assertEquals(List.of("ALL"), sc.getCapabilities().getDrop());
      assertTrue(sc.getCapabilities().getAdd() == null || sc.getCapabilities().getAdd().isEmpty());
      assertEquals("RuntimeDefault", sc.getSeccompProfile().getType());
      assertNotNull(c.getResources().getLimits().get("memory"), "memory limit");
      assertNotNull(c.getResources().getRequests().get("cpu"), "cpu request");
      assertFalse(c.getImage().endsWith(":latest") || !c.getImage().contains(":"), "image must be pinned: " + c.getImage());
    }
  }
}
