package io.orca.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

/**
 * Helm's stored release (storage driver "secret"): the Secret's data holds base64(gzip(JSON of the release)), which
 * the API returns base64-encoded once more. Decodes the fields Orca reads. Pure.
 */
record HelmReleaseRecord(String name, String namespace, int revision, String status, String chartName,
                         String chartVersion, String manifest) {
    private static final byte[] GZIP_MAGIC = {(byte) 0x1f, (byte) 0x8b};

    static HelmReleaseRecord decode(String secretData) {
        try {
            byte[] helmEncoded = Base64.getDecoder().decode(secretData.strip());
            byte[] raw = Base64.getDecoder().decode(helmEncoded);
            if (raw.length >= 2 && raw[0] == GZIP_MAGIC[0] && raw[1] == GZIP_MAGIC[1]) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                    raw = in.readAllBytes();
                }
            }
            JsonNode r = new ObjectMapper().readTree(new String(raw, StandardCharsets.UTF_8));
            JsonNode meta = r.path("chart").path("metadata");
            return new HelmReleaseRecord(r.path("name").asText(), r.path("namespace").asText(), r.path("version").asInt(),
                    r.path("info").path("status").asText(), meta.path("name").asText(), meta.path("version").asText(),
                    r.path("manifest").asText());
        } catch (IOException | IllegalArgumentException e) {
            throw new HelmException("Helm's release record cannot be decoded: " + e.getMessage(), e);
        }
    }
}
