package io.orca.publish;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Synthetic Flux content for publish tests. */
final class Fixtures {
    static final Author AUTHOR = new Author("org1-bot", "org1@example.org");
    static final CommitContext CONTEXT = new CommitContext("supplychain", "network.yaml",
            "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0");

    private Fixtures() {
    }

    static byte[] helmRelease(String namespace, String name, String version) {
        return ("apiVersion: helm.toolkit.fluxcd.io/v2\n"
                + "kind: HelmRelease\n"
                + "metadata:\n"
                + "  name: " + name + "\n"
                + "  namespace: " + namespace + "\n"
                + "spec:\n"
                + "  interval: 5m\n"
                + "  chart:\n"
                + "    spec:\n"
                + "      chart: ./charts/besu-node\n"
                + "      version: \"" + version + "\"\n"
                + "      sourceRef:\n"
                + "        kind: GitRepository\n"
                + "        name: flux-" + namespace + "\n"
                + "  values:\n"
                + "    node:\n"
                + "      name: " + name + "\n"
                + "      replicas: 1\n").getBytes(StandardCharsets.UTF_8);
    }

    /** An organization's release_dir with {@code n} HelmReleases named {@code <org>-node-<i>}, plus a kustomization. */
    static OwnedDirectory org(String org, String dir, int n, String version) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        StringBuilder k = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n");
        for (int i = 1; i <= n; i++) {
            files.put(org + "-node-" + i + ".yaml", helmRelease(org + "-net", org + "-node-" + i, version));
            k.append("  - ").append(org).append("-node-").append(i).append(".yaml\n");
        }
        files.put("kustomization.yaml", k.toString().getBytes(StandardCharsets.UTF_8));
        return new OwnedDirectory(org, dir, files);
    }

    static RepositoryChange change(GitTarget target, OwnedDirectory... dirs) {
        return new RepositoryChange(target, AUTHOR, List.of(dirs), CONTEXT);
    }
}
