package io.orca.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locations in the project and beside it, for tests. */
public final class Project {
    private Project() {
    }

    public static Path dir() {
        String p = System.getProperty("orca.projectDir");
        return (p == null ? Path.of("") : Path.of(p)).toAbsolutePath().normalize();
    }

    /** ../shared/reference: Bevel's samples and the Flux CRDs. Fails loudly when missing (CI clones it beside). */
    public static Path reference() {
        Path r = dir().resolveSibling("shared").resolve("reference");
        if (!Files.isDirectory(r)) throw new IllegalStateException("missing " + r + " (../shared beside the project)");
        return r;
    }

    public static Path bevelSamples() {
        return reference().resolve("bevel").resolve("samples");
    }
}
