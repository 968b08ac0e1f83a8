package io.orca.render;

import io.orca.app.GenerateService;
import io.orca.plan.MaterialSource;
import io.orca.testing.Project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Generation inputs and a deterministic run of the generate use case, for tests. */
public final class Generated {
    private Generated() {
    }

    /** A SecureRandom that yields the same keys on every run (tests only). */
    public static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static GenerateService.Outcome generate(Path file, String displayName) throws IOException {
        GenerateService.Outcome o = GenerateService.plan(displayName, Files.readAllBytes(file), MaterialSource.NONE, seeded(42));
        if (!o.ok()) throw new AssertionError(displayName + " did not plan: " + o.diagnostics());
        return o;
    }

    /** Every Besu network the tests generate from: the examples, Bevel's Besu samples and the all-extensions fixture. */
    public static List<Path> besuNetworks() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Project.dir().resolve("examples"))) {
            s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(out::add);
        }
        try (Stream<Path> s = Files.list(Project.bevelSamples())) {
            s.filter(p -> p.getFileName().toString().startsWith("hyperledger-besu__")).sorted().forEach(out::add);
        }
        out.add(Project.dir().resolve("src/test/resources/schema/valid/besu-orca-extensions.yaml"));
        return out;
    }
}
