package io.orca.charts;

import io.orca.app.GenerateService;
import io.orca.app.TemplateService;
import io.orca.render.Generated;
import io.orca.testing.Project;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code orca template} output stays byte-identical across Helm engine upgrades: every example and every Bevel Besu
 * sample (seeded keys) is rendered through {@link TemplateService} and each manifest's SHA-256 is compared with
 * {@code src/test/resources/golden-template.sha256}, first written with helm-java 0.0.15 (Helm 3.16) and unchanged
 * by the move to 0.0.21 (Helm 3.21). Digests, not copies: the manifests themselves are what PlannedReleasesRenderTest
 * checks. Update after an intended change with {@code -Dorca.golden.update=true} and say why in the commit.
 */
class TemplateDigestTest {
    private static final boolean UPDATE = Boolean.getBoolean("orca.golden.update");
    private static final Path DIGESTS = Project.dir().resolve("src/test/resources/golden-template.sha256");

    @Test
    void templateOutputMatchesTheRecordedDigests() throws Exception {
        SortedMap<String, String> actual = new TreeMap<>();
        for (Path network : Generated.networks()) {
            String name = network.getFileName().toString();
            GenerateService.Outcome o = Generated.generate(network, name);
            TemplateService.Result result = TemplateService.render(o.plan());
            assertEquals(Map.of(), result.failures(), name);
            result.manifests().forEach((path, manifest) -> actual.put(name + "/" + path, sha256(manifest)));
        }
        if (UPDATE) {
            StringBuilder out = new StringBuilder();
            actual.forEach((path, digest) -> out.append(digest).append("  ").append(path).append('\n'));
            Files.writeString(DIGESTS, out.toString(), StandardCharsets.UTF_8);
            return;
        }
        assertEquals(format(read()), format(actual), "rendered manifests differ from " + DIGESTS.getFileName()
                + " (helm engine or chart change? update with -Dorca.golden.update=true after reviewing)");
    }

    private static SortedMap<String, String> read() throws IOException {
        SortedMap<String, String> out = new TreeMap<>();
        for (String line : Files.readAllLines(DIGESTS, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            out.put(line.substring(line.indexOf("  ") + 2), line.substring(0, line.indexOf("  ")));
        }
        return out;
    }

    /** One line per manifest, so that a failure shows which manifests changed. */
    private static String format(SortedMap<String, String> digests) {
        StringBuilder b = new StringBuilder();
        digests.forEach((path, digest) -> b.append(path).append(' ').append(digest).append('\n'));
        return b.toString();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
