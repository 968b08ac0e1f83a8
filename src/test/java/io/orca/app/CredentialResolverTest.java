package io.orca.app;

import io.orca.model.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialResolverTest {
    private final CredentialResolver resolver = new CredentialResolver(Map.of("GIT_TOKEN", "tok-123")::get);

    @Test
    void environmentReference() {
        assertEquals("tok-123", resolver.resolve(Secret.of("${env:GIT_TOKEN}"), "gitops.password").reveal());
    }

    @Test
    void fileReferenceStripsTheTrailingNewline(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("token");
        Files.writeString(f, "from-file\n");
        assertEquals("from-file", resolver.resolve(Secret.of("${file:" + f + "}"), "x").reveal());
    }

    @Test
    void plainValueIsUsedAsWritten() {
        assertEquals("inline", resolver.resolve(Secret.of("inline"), "x").reveal());
    }

    @Test
    void missingVariableNamesTheReferenceNotAValue() {
        var e = assertThrows(CredentialResolver.UnresolvedCredentialException.class,
                () -> resolver.resolve(Secret.of("${env:NOPE}"), "organizations[0].gitops.password"));
        assertTrue(e.getMessage().contains("NOPE"));
        assertTrue(e.getMessage().contains("organizations[0].gitops.password"));
        assertFalse(e.getMessage().contains("tok-123"));
    }

    @Test
    void missingKeyFileIsAClearError() {
        var e = assertThrows(CredentialResolver.UnresolvedCredentialException.class,
                () -> resolver.resolvePath(Secret.of("/nonexistent/key"), "gitops.private_key"));
        assertTrue(e.getMessage().contains("/nonexistent/key cannot be used: no such file"), e.getMessage());
    }
}
