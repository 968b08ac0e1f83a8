package io.orca.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orca.model.Secret;
import io.orca.plan.MaterialSource;
import io.orca.plan.NewMaterial;
import io.orca.plan.SecretPlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Private material kept on this machine only ({@code .orca/secrets/<organization>/<secret>.json}, mode 600), never
 * published: node keys are generated once and read back on every later run, so identities never change.
 */
public final class LocalMaterialStore implements MaterialSource {
    private final Path dir;
    private final ObjectMapper json = new ObjectMapper();

    public LocalMaterialStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public Optional<SecretPlan> find(String organization, String secretName) {
        Path f = dir.resolve(organization).resolve(secretName + ".json");
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            JsonNode n = json.readTree(Files.readString(f));
            TreeMap<String, Secret> data = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.path("data").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                data.put(e.getKey(), Secret.of(e.getValue().asText()));
            }
            TreeMap<String, String> pub = new TreeMap<>();
            n.path("public").fields().forEachRemaining(e -> pub.put(e.getKey(), e.getValue().asText()));
            return Optional.of(new SecretPlan(secretName, data, pub));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    /**
     * Stores material a planning run generated (only generated material: credentials a person chose stay where they
     * wrote them). Only commands that deploy call it. Returns how many were written.
     */
    public int save(Iterable<NewMaterial> material) {
        int written = 0;
        for (NewMaterial m : material) {
            if (!m.secret().generated() || m.secret().data().isEmpty()) continue;
            save(m.organization(), m.secret());
            written++;
        }
        return written;
    }

    private void save(String organization, SecretPlan s) {
        try {
            Path orgDir = dir.resolve(organization);
            Files.createDirectories(orgDir);
            ObjectNode n = json.createObjectNode();
            ObjectNode data = n.putObject("data");
            s.data().forEach((k, v) -> data.put(k, v.reveal()));
            ObjectNode pub = n.putObject("public");
            s.publicData().forEach(pub::put);
            Path tmp = Files.createTempFile(orgDir, ".tmp", ".json");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.writeString(tmp, n.toPrettyString() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, orgDir.resolve(s.name() + ".json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir, e);
        }
    }
}
