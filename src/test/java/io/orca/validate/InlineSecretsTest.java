package io.orca.validate;

import io.orca.diag.Diagnostic;
import io.orca.testing.Project;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ORCA-W005 beyond the fixture's rule IDs and lines: position, path, message and hint. */
class InlineSecretsTest {
    private static List<Diagnostic> w005() throws IOException {
        byte[] bytes = Files.readAllBytes(Project.dir().resolve("src/test/resources/fixtures/w005-inline-secrets.yaml"));
        return ValidationService.validate("w005.yaml", bytes).diagnostics().stream()
                .filter(d -> d.ruleId().equals("ORCA-W005")).toList();
    }

    private static Diagnostic at(List<Diagnostic> ds, String path) {
        return ds.stream().filter(d -> d.path().equals(path)).findFirst().orElseThrow(() -> new AssertionError("no W005 at " + path));
    }

    @Test
    void reportedAtTheValueWithAReferenceToWriteInstead() throws IOException {
        List<Diagnostic> ds = w005();
        Diagnostic git = at(ds, "network.organizations[0].gitops.password");
        assertEquals(33, git.position().line(), "the value is on the line below the key");
        assertEquals(11, git.position().column());
        assertEquals("the credential at 'network.organizations[0].gitops.password' is written inline", git.message());
        assertTrue(git.hint().contains("password: ${env:ALPHA_GITOPS_PASSWORD}"), git.hint());
        assertTrue(git.hint().contains("${file:"), git.hint());
        assertTrue(at(ds, "network.docker.password").hint().contains("${env:DOCKER_PASSWORD}"));
        assertTrue(at(ds, "network.organizations[0].vault.root_token").hint().contains("root_token: ${env:ALPHA_VAULT_ROOT_TOKEN}"));
        assertTrue(at(ds, "network.organizations[1].services.peers[0].geth_passphrase").hint()
                .contains("${env:BETA_MEMBER_1_GETH_PASSPHRASE}"));
        Diagnostic pem = at(ds, "network.organizations[1].gitops.private_key");
        assertEquals(54, pem.position().line());
        assertTrue(pem.message().contains("private key itself"), pem.message());
        assertTrue(pem.hint().contains("path"), pem.hint());
    }

    @Test
    void neverShowsTheValue() throws IOException {
        for (Diagnostic d : w005()) {
            for (String secret : List.of("registry-pass", "AKIA", "wJalr", "hvs.", "ghp_", "s.inline", "BEGIN", "b3Blbn", "MHcC", "12345")) {
                assertFalse(d.message().contains(secret) || d.hint().contains(secret), d.message() + " / " + d.hint());
            }
        }
    }
}
