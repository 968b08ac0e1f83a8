package io.orca.app;

import io.orca.diag.Diagnostic;
import io.orca.model.Network;
import io.orca.plan.DeploymentPlan;
import io.orca.plan.MaterialSource;
import io.orca.plan.NewMaterial;
import io.orca.model.Names;
import io.orca.render.FluxRenderer;
import io.orca.render.RepositoryTree;
import io.orca.validate.ValidationService;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The generate use case: plan ({@link PlanningService}) → GitOps output ({@link GitOpsOutput}: Flux trees and sealed
 * Secrets). Validation problems stop it before anything is written; {@link #write} is the separate effect that puts
 * the trees on disk.
 */
public final class GenerateService {
    private GenerateService() {
    }

    /** Either the generated trees, or the diagnostics that prevented them. */
    public record Outcome(ValidationService.Report report, Network network, DeploymentPlan plan, List<RepositoryTree> trees,
                          List<NewMaterial> newMaterial) {
        public Outcome {
            trees = List.copyOf(trees);
            newMaterial = List.copyOf(newMaterial);
        }

        public boolean ok() {
            return plan != null;
        }

        public List<Diagnostic> diagnostics() {
            return report.diagnostics();
        }

        static Outcome failed(ValidationService.Report report) {
            return new Outcome(report, null, null, List.of(), List.of());
        }
    }

    /** Plans and renders in memory, with no local age key and no earlier files (tests, benchmarks). */
    public static Outcome plan(String name, byte[] bytes, MaterialSource material, SecureRandom random) {
        return generate(name, bytes, PlanningService.Request.preview(material).withRandom(random), GitOpsOutput.Options.inMemory(),
                new ArrayList<>());
    }

    public static Outcome generate(String name, byte[] bytes, PlanningService.Request request, GitOpsOutput.Options gitops,
                                   List<String> warnings) {
        return generate(PlanningService.plan(name, bytes, request), gitops, warnings);
    }

    /** The GitOps output of a planning run (its warnings are added to {@code warnings}). */
    public static Outcome generate(PlanningService.Planned planned, GitOpsOutput.Options gitops, List<String> warnings) {
        if (!planned.ok()) return Outcome.failed(planned.report());
        warnings.addAll(planned.warnings());
        List<RepositoryTree> trees = GitOpsOutput.render(planned.plan(), gitops, warnings);
        return new Outcome(planned.report(), planned.network(), planned.plan(), trees, planned.newMaterial());
    }

    /**
     * What {@code generate --out} did: the outcome, its warnings, a refusal, one summary line per repository.
     * {@code outsideFolder}: the refusal is that the output folder leads outside itself (a usage error).
     */
    public record IntoFolder(Outcome outcome, List<String> warnings, String refusal, List<String> summary,
                             boolean outsideFolder) {
        IntoFolder(Outcome outcome, List<String> warnings, String refusal, List<String> summary) {
            this(outcome, warnings, refusal, summary, false);
        }
    }

    /**
     * A path under the output folder is a symbolic link (or a file where a folder must be): writing or deleting there
     * could reach outside the folder, so nothing is written (issue 10, item 5).
     */
    public static final class OutsideFolderException extends IOException {
        OutsideFolderException(String message) {
            super(message);
        }
    }

    /**
     * Generates into {@code out}, writing nothing else: earlier output under {@code out} is the repositories' state
     * (unchanged Secrets keep their bytes, side files give back public halves), {@code store} is read and never
     * written, and local age keys under {@code orcaDir} are used only if they exist.
     */
    public static IntoFolder intoFolder(String name, byte[] bytes, MaterialSource store, Path orcaDir, Path out) throws IOException {
        List<String> warnings = new ArrayList<>();
        AtomicReference<SecretSealer.ExistingFiles> files = new AtomicReference<>(SecretSealer.ExistingFiles.NONE);
        PlanningService.Request request = PlanningService.Request.preview(store).withMaterial(net -> {
            SecretSealer.ExistingFiles f = folderFiles(out, net);
            files.set(f);
            return store.or(new RepositoryMaterial(net, f));
        });
        Outcome outcome;
        try {
            PlanningService.Planned planned = PlanningService.plan(name, bytes, request);
            outcome = generate(planned, new GitOpsOutput.Options(orcaDir, GitOpsOutput.LocalKeys.EXISTING, files.get(), false,
                    CredentialResolver.system()), warnings);
        } catch (RefusedException | io.orca.secrets.SecretsException e) {
            return new IntoFolder(null, warnings, e.getMessage(), List.of());
        }
        if (!outcome.ok()) return new IntoFolder(outcome, warnings, null, List.of());
        try {
            write(outcome.trees(), out);
        } catch (OutsideFolderException e) {
            return new IntoFolder(null, warnings, e.getMessage(), List.of(), true);
        }
        long unkept = outcome.newMaterial().stream().filter(m -> !sealedInto(outcome, m)).count();
        if (unkept > 0) {
            warnings.add(unkept + " new private key(s) were generated for this output and kept nowhere (their organizations"
                    + " have no age recipient to seal them with): the next run draws new ones. 'orca publish' keeps keys"
                    + " in the state folder; or add age recipients");
        }
        List<String> summary = new ArrayList<>();
        for (RepositoryTree t : outcome.trees()) {
            summary.add(out.resolve(t.name()) + ": " + t.files().size() + " files" + (t.charts().isEmpty() ? ""
                    : " and " + t.charts().size() + " chart" + (t.charts().size() == 1 ? "" : "s")) + " for " + String.join(", ", t.organizations()));
        }
        return new IntoFolder(outcome, warnings, null, summary);
    }

    /** No file Orca generates comes near this; a larger one in the output folder is not Orca's and is not read. */
    private static final int EARLIER_FILE_CAP = 64 * 1024 * 1024;

    /** The files of earlier output, {@code out/<tree name>/<path>}. */
    private static SecretSealer.ExistingFiles folderFiles(Path out, Network network) {
        Map<String, String> names = FluxRenderer.treeNames(network);
        return (repository, path) -> {
            Path p = out.resolve(names.get(FluxRenderer.repoKey(repository))).resolve(path);
            try {
                // Only regular files, read bounded, not through a link: the folder is the user's, anything may be there.
                return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && linkFree(out, p)
                        ? Optional.of(io.orca.load.InputFiles.read(p, EARLIER_FILE_CAP)) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        };
    }

    private static boolean sealedInto(Outcome outcome, NewMaterial m) {
        return outcome.network().organization(m.organization()).map(o -> {
            String path = SecretSealer.secretPath(o.gitops().releaseDir(), Names.namespace(outcome.network().platform(), o.name()),
                    m.secret().name());
            return outcome.trees().stream().anyMatch(t -> t.files().containsKey(path));
        }).orElse(false);
    }

    /**
     * Writes each repository's tree under {@code out/<tree name>/} (manifests and chart folders), removing from the
     * folders Orca owns there every file that is not in the tree (files of removed releases disappear), and leaving
     * everything else alone. A file
     * whose bytes are already there is not rewritten: a re-run touches only what changed.
     */
    public static void write(List<RepositoryTree> trees, Path out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        // Checked for every tree before anything is written or deleted: nothing half-written.
        java.util.Set<Path> checked = new java.util.HashSet<>();
        for (RepositoryTree t : trees) {
            Path root = out.resolve(t.name());
            for (String owned : t.ownedDirs()) requireInside(out, root.resolve(owned), true, checked);
            for (String f : t.files().keySet()) requireInside(out, root.resolve(f), false, checked);
            for (io.orca.render.ChartFolder c : t.charts()) {
                requireInside(out, root.resolve(c.path()), true, checked);
                for (String f : c.files().keySet()) requireInside(out, root.resolve(c.path()).resolve(f), false, checked);
            }
        }
        for (RepositoryTree t : trees) {
            Path root = out.resolve(t.name());
            for (String owned : t.ownedDirs()) prune(root, root.resolve(owned), t.files());
            Map<String, byte[]> files = new java.util.TreeMap<>();
            t.files().forEach((path, text) -> files.put(path, text.getBytes(StandardCharsets.UTF_8)));
            for (io.orca.render.ChartFolder c : t.charts()) {
                Map<String, byte[]> chart = new java.util.TreeMap<>();
                c.files().forEach((path, bytes) -> chart.put(c.path() + "/" + path, bytes));
                prune(root, root.resolve(c.path()), chart);
                files.putAll(chart);
            }
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path p = root.resolve(f.getKey());
                byte[] bytes = f.getValue();
                if (sameContent(p, bytes, buffer)) continue;
                Files.createDirectories(p.getParent());
                Files.write(p, bytes);
            }
        }
    }

    /**
     * Refuses when a path between {@code out} (itself may be a link: the user named it) and {@code target} is a
     * symbolic link, or when a folder is needed where a file or something else stands. {@code target} itself may be a
     * file ({@code folder} false) that is not a link.
     */
    private static void requireInside(Path out, Path target, boolean folder, java.util.Set<Path> checked) throws IOException {
        Path rel = out.relativize(target);
        Path cur = out;
        for (int i = 0; i < rel.getNameCount(); i++) {
            cur = cur.resolve(rel.getName(i));
            boolean last = i == rel.getNameCount() - 1;
            if (!last && checked.contains(cur)) continue;
            if (Files.isSymbolicLink(cur)) {
                String to;
                try {
                    to = " (to " + Files.readSymbolicLink(cur) + ")";
                } catch (IOException | UnsupportedOperationException e) {
                    to = "";
                }
                throw new OutsideFolderException(cur + " is a symbolic link" + to + ": orca generate writes and deletes only"
                        + " inside " + out + ", never through a link; remove the link or choose another --out; nothing was written");
            }
            if (!Files.exists(cur, LinkOption.NOFOLLOW_LINKS)) return;   // the rest is created by the write
            boolean needFolder = folder || !last;
            if (needFolder && !Files.isDirectory(cur, LinkOption.NOFOLLOW_LINKS)) {
                throw new OutsideFolderException(cur + " is not a folder, but orca generate must write files under it;"
                        + " move it away or choose another --out; nothing was written");
            }
            if (!last) checked.add(cur);
        }
    }

    /** Whether no component of {@code p} below {@code out} is a symbolic link. */
    private static boolean linkFree(Path out, Path p) {
        Path cur = out;
        for (Path name : out.relativize(p)) {
            cur = cur.resolve(name);
            if (Files.isSymbolicLink(cur)) return false;
        }
        return true;
    }

    /** Deletes what under {@code dir} is not a file of the tree (links and other non-regular files too), then empty folders. */
    private static void prune(Path root, Path dir, Map<String, ?> files) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    try (DirectoryStream<Path> children = Files.newDirectoryStream(p)) {
                        if (children.iterator().hasNext()) continue;
                    }
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        && files.containsKey(root.relativize(p).toString().replace(java.io.File.separatorChar, '/'))) {
                    continue;
                }
                Files.delete(p);
            }
        }
    }

    /** Whether {@code p} is a regular file holding exactly {@code bytes} (read through {@code buffer}, in chunks). */
    private static boolean sameContent(Path p, byte[] bytes, byte[] buffer) throws IOException {
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.size(p) != bytes.length) return false;
        try (java.io.InputStream in = Files.newInputStream(p)) {
            for (int off = 0; off < bytes.length; ) {
                int n = in.read(buffer, 0, Math.min(buffer.length, bytes.length - off));
                if (n < 0 || !java.util.Arrays.equals(buffer, 0, n, bytes, off, off + n)) return false;
                off += n;
            }
            return in.read() < 0;
        }
    }
}
