package io.orca.app;

import io.orca.render.Generated;
import io.orca.render.RepositoryTree;
import io.orca.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** orca generate --out: the owned folders end up holding exactly the tree; unchanged files are not rewritten. */
class GenerateWriteTest {
    @Test
    void reRunRemovesStaleFilesRestoresEditedOnesAndLeavesTheRestAlone(@TempDir Path out) throws Exception {
        List<RepositoryTree> trees = Generated.generate(Project.dir().resolve("examples/besu-two-orgs.yaml"),
                "examples/besu-two-orgs.yaml").trees();
        GenerateService.write(trees, out);
        RepositoryTree alpha = trees.get(0);
        Path root = out.resolve(alpha.name());
        String owned = alpha.ownedDirs().get(0);
        assertEquals(alpha.files(), read(root, owned));

        Path unchanged = root.resolve(owned + "/alpha-bes/alpha-validator-1.yaml");
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(unchanged, old);
        Path edited = root.resolve(owned + "/alpha-bes/alpha-network.yaml");
        Files.writeString(edited, "edited by hand\n");
        Path sameSize = root.resolve(owned + "/alpha-bes/alpha-validator-2.yaml");
        Files.writeString(sameSize, Files.readString(sameSize).replace("HelmRelease", "HelmReleasX"));
        Files.writeString(root.resolve(owned + "/alpha-bes/alpha-validator-9.yaml"), "a removed release\n");
        Files.createDirectories(root.resolve(owned + "/gone-bes/deep"));
        Files.writeString(root.resolve(owned + "/gone-bes/deep/x.yaml"), "a removed organization\n");
        Files.createSymbolicLink(root.resolve(owned + "/alpha-bes/link.yaml"), edited);
        Path outside = root.resolve("README.md");
        Files.writeString(outside, "not Orca's\n");

        GenerateService.write(trees, out);
        assertEquals(alpha.files(), read(root, owned));
        assertEquals(old, Files.getLastModifiedTime(unchanged), "an unchanged file is not rewritten");
        assertFalse(Files.exists(root.resolve(owned + "/gone-bes")), "empty folders go too");
        assertTrue(Files.readString(outside).equals("not Orca's\n"), "files outside the owned folders stay");
    }

    private static Map<String, String> read(Path root, String owned) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root.resolve(owned))) {
            for (Path p : s.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        return files;
    }
}
