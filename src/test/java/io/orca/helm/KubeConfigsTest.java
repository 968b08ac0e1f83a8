package io.orca.helm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** helm-java has no kube-context option: the kubeconfig is cut down to the wanted context for each call. */
class KubeConfigsTest {
    private static final String CONFIG = """
            apiVersion: v1
            kind: Config
            current-context: a
            clusters:
            - name: ca
              cluster: {server: "https://127.0.0.1:1", certificate-authority: certs/a-ca.crt}
            - name: cb
              cluster: {server: "https://127.0.0.1:2", certificate-authority-data: QUJD}
            contexts:
            - name: a
              context: {cluster: ca, user: ua}
            - name: b
              context: {cluster: cb, user: ub, namespace: team-b}
            users:
            - name: ua
              user: {token: secret-a}
            - name: ub
              user: {client-certificate: b.crt, client-key: /abs/b.key, exec: {command: ./bin/cred, apiVersion: client.authentication.k8s.io/v1}}
            """;

    @Test
    void keepsOnlyTheContextItsClusterAndUserAndMakesItCurrent(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, CONFIG);
        Path copy;
        try (KubeConfigs.Scoped k = KubeConfigs.forContext(new KubeTarget(file, "b"))) {
            copy = k.file();
            assertFalse(copy.startsWith(dir), "written to a private temporary folder, not beside the original");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.getParent())));
            Map<String, Object> c = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(copy));
            assertEquals("b", c.get("current-context"));
            assertEquals(List.of("cb"), names(c, "clusters"));
            assertEquals(List.of("b"), names(c, "contexts"));
            assertEquals(List.of("ub"), names(c, "users"));
            String text = Files.readString(copy);
            assertFalse(text.contains("secret-a"), "another context's credentials are not copied");
            assertTrue(text.contains(dir.resolve("b.crt").toString()), "relative paths made absolute: " + text);
            assertTrue(text.contains("/abs/b.key"), text);
            assertTrue(text.contains(dir.resolve("bin/cred").toString()), text);
            assertTrue(text.contains("namespace: team-b"), text);
        }
        assertFalse(Files.exists(copy), "deleted after the call");
        assertFalse(Files.exists(copy.getParent()));
    }

    @Test
    void withoutAContextTheFileIsUsedAsItIs(@TempDir Path dir) {
        Path file = dir.resolve("kubeconfig");
        try (KubeConfigs.Scoped k = KubeConfigs.forContext(KubeTarget.of(file))) {
            assertEquals(file, k.file());
            assertNull(k.ownedDir());
        }
    }

    @Test
    void anUnknownContextNamesTheKnownOnes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, CONFIG);
        HelmException e = assertThrows(HelmException.class, () -> KubeConfigs.forContext(new KubeTarget(file, "c")));
        assertEquals("context 'c' not found in kubeconfig " + file + " (it has: a, b)", e.getMessage());
    }

    @Test
    void aMissingOrBrokenKubeconfigIsAClearError(@TempDir Path dir) throws Exception {
        HelmException missing = assertThrows(HelmException.class, () ->
                KubeConfigs.forContext(new KubeTarget(dir.resolve("nope"), "a")));
        assertTrue(missing.getMessage().startsWith("cannot read kubeconfig " + dir.resolve("nope")), missing.getMessage());
        Path broken = dir.resolve("broken");
        Files.writeString(broken, "clusters: [\n");
        HelmException e = assertThrows(HelmException.class, () -> KubeConfigs.forContext(new KubeTarget(broken, "a")));
        assertTrue(e.getMessage().startsWith("kubeconfig " + broken + " is not valid YAML"), e.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> names(Map<String, Object> c, String list) {
        return ((List<Map<String, Object>>) c.get(list)).stream().map(m -> m.get("name")).toList();
    }
}
