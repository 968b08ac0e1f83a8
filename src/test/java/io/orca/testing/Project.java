package io.orca.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locations in the project, for tests. Tests read nothing outside the project (ProjectBoundaryTest checks it). */
public final class Project {
    private Project() {
    }

    public static Path dir() {
        String p = System.getProperty("orca.projectDir");
        return (p == null ? Path.of("") : Path.of(p)).toAbsolutePath().normalize();
    }

    /**
     * src/test/resources/reference: third-party reference data (Bevel's samples and schema, the Flux CRDs, Fabric
     * channel blocks), copied into the project with its provenance and licence (README.md there).
     */
    public static Path reference() {
        Path r = dir().resolve("src/test/resources/reference");
        if (!Files.isDirectory(r)) throw new IllegalStateException("missing " + r);
        return r;
    }

    public static Path bevelSamples() {
        return reference().resolve("bevel").resolve("samples");
    }

    /** Flux 2.9's CRDs (source, kustomize and helm controllers). */
    public static Path fluxCrds() {
        return reference().resolve("flux-crds");
    }

    /** Fabric 2.5 channel genesis blocks, their configtxgen/cryptogen inputs and configtxlator decodes. */
    public static Path fabric() {
        return reference().resolve("fabric");
    }
}
