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

    /**
     * The generate use case in memory, as publish runs it ({@code publishing}: remote repositories need recipients and
     * credentials resolve strictly) or as generate does; no local age keys.
     */
    public static GenerateService.Outcome generate(String name, byte[] input, MaterialSource material, SecureRandom random,
                                                   io.orca.app.SecretSealer.ExistingFiles existing, boolean publishing,
                                                   io.orca.app.CredentialResolver credentials) {
        return GenerateService.generate(name, input,
                io.orca.app.PlanningService.Request.preview(material).withRandom(random).withCredentials(credentials, publishing)
                        .withMaterial(net -> material.or(new io.orca.app.RepositoryMaterial(net, existing))),
                new io.orca.app.GitOpsOutput.Options(null, io.orca.app.GitOpsOutput.LocalKeys.EXISTING, existing, publishing,
                        credentials), new ArrayList<>());
    }

    public static GenerateService.Outcome generate(String name, byte[] input, MaterialSource material, SecureRandom random,
                                                   io.orca.app.SecretSealer.ExistingFiles existing, boolean publishing) {
        return generate(name, input, material, random, existing, publishing, io.orca.app.CredentialResolver.system());
    }

    /**
     * Every network of a platform Orca deploys that the tests generate from: the examples, Bevel's Besu and GoQuorum
     * samples, the Besu all-extensions fixture, the GoQuorum raft one, and Besu and GoQuorum with registry credentials.
     */
    public static List<Path> networks() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Project.dir().resolve("examples"))) {
            s.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().startsWith("fabric-")).sorted().forEach(out::add);
        }
        try (Stream<Path> s = Files.list(Project.bevelSamples())) {
            s.filter(p -> p.getFileName().toString().startsWith("hyperledger-besu__") || p.getFileName().toString().startsWith("quorum__"))
                    .sorted().forEach(out::add);
        }
        out.add(Project.dir().resolve("src/test/resources/schema/valid/besu-orca-extensions.yaml"));
        out.add(Project.dir().resolve("src/test/resources/schema/valid/quorum-minimal.yaml"));
        // with private-registry credentials (issue 10, item 8)
        out.add(Project.dir().resolve("src/test/resources/networks/registry/besu-registry.yaml"));
        out.add(Project.dir().resolve("src/test/resources/networks/registry/quorum-registry.yaml"));
        return out;
    }

    /** A network.yaml in memory: its display name and bytes. */
    public record Input(String name, byte[] bytes) {
        public GenerateService.Outcome generate() {
            GenerateService.Outcome o = GenerateService.plan(name, bytes, MaterialSource.NONE, seeded(42));
            if (!o.ok()) throw new AssertionError(name + " did not plan: " + o.diagnostics());
            return o;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Bevel's samples refuse Fabric 2.2 (a system channel); Orca plans them at this version. */
    public static final String FABRIC_VERSION = "2.5.4";

    /**
     * Every Fabric network the tests generate from: the Fabric examples, and Bevel's Fabric samples at Fabric 2.5
     * (their 2.2.2 needs a system channel, ORCA-E054) except the Kafka one (Kafka needs one too).
     */
    public static List<Input> fabricNetworks() throws IOException {
        List<Input> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Project.dir().resolve("examples"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("fabric-")).sorted().toList()) {
                out.add(new Input(p.getFileName().toString(), Files.readAllBytes(p)));
            }
        }
        for (Path p : fabricSamples()) {
            if (p.getFileName().toString().contains("kafka")) continue;
            out.add(new Input(p.getFileName().toString() + "@" + FABRIC_VERSION, atFabric25(p)));
        }
        return out;
    }

    public static List<Path> fabricSamples() throws IOException {
        try (Stream<Path> s = Files.list(Project.bevelSamples())) {
            return s.filter(p -> p.getFileName().toString().startsWith("hyperledger-fabric__")).sorted().toList();
        }
    }

    /** A sample with its network.version set to {@link #FABRIC_VERSION}. */
    public static byte[] atFabric25(Path sample) throws IOException {
        String text = Files.readString(sample);
        String changed = text.replaceFirst("(?m)^(  version: )[0-9.]+", "$1\"" + FABRIC_VERSION + "\"");
        if (changed.equals(text)) throw new AssertionError("no network.version in " + sample);
        return changed.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
