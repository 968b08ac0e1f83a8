package io.orca.apply;

import io.orca.helm.ReleaseRef;
import io.orca.kube.KubeTarget;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One planned release, ready for Helm: where it goes, the chart folder and its digest, the values as YAML, and the
 * releases of the same organization it waits for.
 *
 * @param chartDigest a digest of the chart folder's files, recorded in the release's description, so that a changed
 *                    chart under an unchanged version still upgrades
 */
public record ReleaseUnit(String organization, KubeTarget target, ReleaseRef ref, String chart, String chartVersion,
                          Path chartDir, String chartDigest, String valuesYaml, List<String> dependsOn) {
    public ReleaseUnit {
        Objects.requireNonNull(ref, "ref");
        dependsOn = List.copyOf(dependsOn);
    }

    public String key() {
        return organization + "/" + ref.name();
    }

    public String chartNameVersion() {
        return chart + "-" + chartVersion;
    }
}
