package io.orca.charts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fabric charts as Flux installs them. */
class FabricChartsTest {
  private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

  /**
   * Regression (found on the test cluster): Flux's reconcileStrategy Revision versions a chart from Git as
   * {@code 0.1.0+<commit>}; the {@code helm.sh/chart} label kept the '+', which the API server refuses.
   */
  @ParameterizedTest
  @CsvSource({
      "fabric-msp, fabric-msp-values.yaml",
      "fabric-orderer, fabric-orderer-values.yaml",
      "fabric-peer, fabric-peer-values.yaml",
      "fabric-channel, fabric-channel-values.yaml",
      "fabric-chaincode, fabric-chaincode-values.yaml"})
  void chartLabelIsValidWhenFluxAddsTheCommitToTheVersion(String chart, String values, @TempDir Path tmp) throws Exception {
    Path copy = Charts.copyWithValues(chart, Charts.values(values), tmp);
    Path chartYaml = copy.resolve("Chart.yaml");
    Files.writeString(chartYaml, Files.readString(chartYaml).replace("version: 0.1.0", "version: 0.1.0+b232ec5e161a"));
    String rendered = new Helm(copy).template().withName("r").withNamespace("ns").call();
    for (HasMetadata o : Charts.parseStrict(rendered)) {
      for (Map.Entry<String, String> l : o.getMetadata().getLabels().entrySet()) {
        assertTrue(l.getValue().length() <= 63 && LABEL_VALUE.matcher(l.getValue()).matches(),
            o.getKind() + " " + o.getMetadata().getName() + ": label " + l.getKey() + "=" + l.getValue());
      }
    }
  }
}
