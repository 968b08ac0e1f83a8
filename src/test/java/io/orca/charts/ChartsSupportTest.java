package io.orca.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The strict parser and the key detector themselves: they must reject what they claim to reject. */
class ChartsSupportTest {

  private static final String SERVICE = """
      apiVersion: v1
      kind: Service
      metadata:
        name: s
      spec:
        %s
        ports:
          - port: 80
      """;

  @Test
  void strictParserAcceptsValidObject() {
    assertEquals(1, Charts.parseStrict(SERVICE.formatted("type: ClusterIP")).size());
  }

  @Test
  void strictParserRejectsUnknownNestedField() {
    assertThrows(AssertionError.class, () -> Charts.parseStrict(SERVICE.formatted("tpye: ClusterIP")));
  }

  @Test
  void strictParserRejectsUnknownKind() {
    assertThrows(AssertionError.class, () -> Charts.parseStrict("apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n"));
  }

  @Test
  void keyDetectorFindsHexAndPemKeys() {
    String hex = "0x8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63";
    assertThrows(AssertionError.class, () -> Charts.assertNoPrivateKeyMaterial(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: \"" + hex + "\"\n"));
    assertThrows(AssertionError.class, () -> Charts.assertNoPrivateKeyMaterial(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: |\n    -----BEGIN EC PRIVATE KEY-----\n"));
    assertThrows(AssertionError.class, () -> Charts.assertNoPrivateKeyMaterial(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: Wl+xSyXVuuqzpvznOS7dOobhcn4C5auxkFRi7yLtgtA=\n"));
  }

  @Test
  void keyDetectorExemptsOnlyWholeCertificatesAndPackageIds() {
    Charts.assertNoPrivateKeyMaterial("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  c: |\n"
        + "    -----BEGIN CERTIFICATE-----\n    MIIB\n    Wl+xSyXVuuqzpvznOS7dOobhcn4C5auxkFRi7yLtgtA=\n    -----END CERTIFICATE-----\n"
        + "  p: \"cc_1:46dc94e416b96d5a9ef49f90fd50a8f412a02297a0d4c5759664043ef3cb3850\"\n");
    assertThrows(AssertionError.class, () -> Charts.assertNoPrivateKeyMaterial(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  c: |\n    note\n    Wl+xSyXVuuqzpvznOS7dOobhcn4C5auxkFRi7yLtgtA=\n"));
    assertThrows(AssertionError.class, () -> Charts.assertNoPrivateKeyMaterial(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  p: \"46dc94e416b96d5a9ef49f90fd50a8f412a02297a0d4c5759664043ef3cb3850\"\n"));
  }
}
