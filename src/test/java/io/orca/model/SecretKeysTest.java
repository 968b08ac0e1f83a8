package io.orca.model;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretKeysTest {
    /** The rule before the hand-written index stripping (a regex compiled per call, once per value of a file). */
    private static boolean byRegex(String path) {
        String last = path.replaceAll("\\[[^]]*]$", "");
        int dot = last.lastIndexOf('.');
        return SecretKeys.isSecretKey(dot >= 0 ? last.substring(dot + 1) : last);
    }

    @Test
    void secretPathsAreRecognised() {
        assertTrue(SecretKeys.isSecretPath("network.organizations[0].gitops.password"));
        assertTrue(SecretKeys.isSecretPath("network.docker.password"));
        assertTrue(SecretKeys.isSecretPath("network.x.root_token[3]"));
        assertTrue(SecretKeys.isSecretPath("password"));
        assertFalse(SecretKeys.isSecretPath("network.organizations[0].gitops.username"));
        assertFalse(SecretKeys.isSecretPath("network.organizations[0]"));
    }

    @Test
    void indexStrippingIsTheRegexOnRandomPaths() {
        for (String p : Set.of("", "]", "[", "[]", "a[b[c]", "password[x]y]", "a.password[1]", "a.b]password[", "x[\"p]\"]",
                "gitops[\"password\"]", "a.password[[1]]", "a.password]")) {
            assertEquals(byRegex(p), SecretKeys.isSecretPath(p), p);
        }
        String[] parts = {"a", ".", "[", "]", "0", "password", "token", "\"", "_secret"};
        Random r = new Random(5);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(8);
            for (int j = 0; j < n; j++) b.append(parts[r.nextInt(parts.length)]);
            String p = b.toString();
            assertEquals(byRegex(p), SecretKeys.isSecretPath(p), p);
        }
    }
}
