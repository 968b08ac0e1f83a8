package io.orca.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code sops} binary for round-trip tests: {@code -Dorca.sops=PATH}, else {@code $ORCA_SOPS}, else
 * the cache path of scripts/build-sops, else built now by scripts/build-sops (never skipped).
 */
final class SopsBinary {
    static final String VERSION = "v" + Sops.SOPS_VERSION;
    private static Path cached;

    private SopsBinary() {}

    static synchronized Path get() throws IOException, InterruptedException {
        if (cached != null) {
            return cached;
        }
        String prop = System.getProperty("orca.sops", System.getenv("ORCA_SOPS"));
        if (prop != null && !prop.isBlank()) {
            return cached = Paths.get(prop);
        }
        String root = System.getenv("ORCA_TOOLS_CACHE");
        Path cacheRoot = root != null ? Paths.get(root)
                : Paths.get(System.getenv().getOrDefault("XDG_CACHE_HOME",
                        Paths.get(System.getProperty("user.home"), ".cache").toString()), "orca-tools");
        Path bin = cacheRoot.resolve("sops-" + VERSION).resolve("sops");
        if (Files.isExecutable(bin)) {
            return cached = bin;
        }
        Path project = Paths.get(System.getProperty("orca.projectDir", "."));
        Path script = project.resolve("scripts/build-sops");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("SOPS_VERSION", VERSION);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("scripts/build-sops failed (exit " + p.exitValue() + ")");
        }
        return cached = Paths.get(out.lines().reduce((a, b) -> b).orElseThrow());
    }

    record Result(int exit, String stdout, String stderr) {}

    static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(get().toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("SOPS_AGE_KEY_FILE");
        pb.environment().remove("SOPS_AGE_KEY");
        pb.environment().putAll(env);
        Path err = Files.createTempFile("sops", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("sops timed out");
        }
        String stderr = Files.readString(err);
        Files.deleteIfExists(err);
        return new Result(p.exitValue(), out, stderr);
    }
}
