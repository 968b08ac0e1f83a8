package io.orca.helm;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Helm's stored release (Secret data: base64 of Helm's base64(gzip(JSON))) decodes to the fields Orca reads. */
class HelmReleaseRecordTest {
    private static final String JSON = """
            {"name":"web","namespace":"apps","version":3,"info":{"status":"deployed"},
             "chart":{"metadata":{"name":"demo","version":"0.2.0"}},"config":{"replicas":2},
             "manifest":"---\\n# Source: demo/templates/cm.yaml\\nkind: ConfigMap\\n"}
            """;

    @Test
    void decodesGzippedRecords() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(JSON.getBytes(StandardCharsets.UTF_8));
        }
        HelmReleaseRecord r = HelmReleaseRecord.decode(twice(gz.toByteArray()));
        assertEquals(new HelmReleaseRecord("web", "apps", 3, "deployed", "demo", "0.2.0",
                "---\n# Source: demo/templates/cm.yaml\nkind: ConfigMap\n"), r);
    }

    @Test
    void decodesUncompressedRecords() {
        assertEquals(3, HelmReleaseRecord.decode(twice(JSON.getBytes(StandardCharsets.UTF_8))).revision());
    }

    @Test
    void garbageIsAClearError() {
        HelmException e = assertThrows(HelmException.class, () -> HelmReleaseRecord.decode("not base64!"));
        assertTrue(e.getMessage().startsWith("Helm's release record cannot be decoded"), e.getMessage());
    }

    private static String twice(byte[] b) {
        return Base64.getEncoder().encodeToString(Base64.getEncoder().encode(b));
    }
}
