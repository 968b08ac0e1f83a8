package io.orca.app;

import io.orca.diag.Diagnostic;
import io.orca.load.YMap;
import io.orca.model.ModelBinder;
import io.orca.model.Network;
import io.orca.plan.DeploymentPlan;
import io.orca.plan.MaterialSource;
import io.orca.plan.Planner;
import io.orca.render.FluxRenderer;
import io.orca.render.RepositoryTree;
import io.orca.validate.ValidationService;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The generate use case: validate → bind → plan → render. Validation problems stop it before anything is written;
 * {@link #write} is the separate effect that puts the trees on disk.
 */
public final class GenerateService {
    private GenerateService() {
    }

    /** Either the generated trees, or the diagnostics that prevented them. */
    public record Outcome(ValidationService.Report report, Network network, DeploymentPlan plan, List<RepositoryTree> trees) {
        public boolean ok() {
            return plan != null;
        }

        public List<Diagnostic> diagnostics() {
            return report.diagnostics();
        }
    }

    public static Outcome plan(String name, byte[] bytes, MaterialSource material, SecureRandom random) {
        ValidationService.Report report = ValidationService.validate(name, bytes);
        if (report.hasErrors() || report.document().isEmpty()) return new Outcome(report, null, null, List.of());
        Network network = ModelBinder.bind((YMap) report.document().get(), report.load().source());
        DeploymentPlan plan = Planner.plan(network, material, random);
        return new Outcome(report, network, plan, FluxRenderer.render(plan));
    }

    /**
     * Writes each repository's tree under {@code out/<tree name>/}, replacing the folders Orca owns there so that
     * files of removed releases disappear, and leaving everything else alone.
     */
    public static void write(List<RepositoryTree> trees, Path out) throws IOException {
        for (RepositoryTree t : trees) {
            Path root = out.resolve(t.name());
            for (String owned : t.ownedDirs()) deleteTree(root.resolve(owned));
            for (Map.Entry<String, String> f : t.files().entrySet()) {
                Path p = root.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
