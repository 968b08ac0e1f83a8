package io.orca.app;

import io.orca.load.YMap;
import io.orca.model.ModelBinder;
import io.orca.model.Network;
import io.orca.model.Organization;
import io.orca.publish.Author;
import io.orca.publish.CommitContext;
import io.orca.publish.GitCredentials;
import io.orca.publish.GitTarget;
import io.orca.publish.LocalBareRepositories;
import io.orca.publish.OwnedDirectory;
import io.orca.publish.PublishException;
import io.orca.publish.PublishOptions;
import io.orca.publish.PublishReport;
import io.orca.publish.Publisher;
import io.orca.publish.RepositoryChange;
import io.orca.publish.SharedDirectory;
import io.orca.render.FluxRenderer;
import io.orca.render.RepositoryTree;
import io.orca.secrets.SecretsException;
import io.orca.validate.ValidationService;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The publish use case: validate → plan → render → seal, against what each repository holds now, then one commit
 * per repository (or, dry run, the diff). Every failure is reported per repository; credentials never leave the
 * transport.
 */
public final class PublishService {
    private PublishService() {
    }

    /**
     * @param baseDir where relative local repositories (the embedded default .orca/git/&lt;org&gt;.git) live
     * @param local   publish every organization to its embedded local repository, whatever gitops says
     */
    public record Request(String name, byte[] bytes, Path baseDir, Path stateDir, PublishOptions options, boolean local,
                          CredentialResolver credentials) {
        /** This request with another credential resolver (the service's, which reads no file). */
        public Request withCredentials(CredentialResolver other) {
            return new Request(name, bytes, baseDir, stateDir, options, local, other);
        }
    }

    /** What happened: the generate outcome (diagnostics when invalid) and the per-repository report. */
    public record Result(GenerateService.Outcome outcome, PublishReport report, List<String> warnings, String refusal) {
        public boolean ok() {
            return refusal == null && outcome != null && outcome.ok();
        }

        /** The per-repository report as text (with the diff when {@code withDiff}). */
        public String text(boolean withDiff) {
            return report.render(withDiff);
        }

        /** 0 published or nothing to do; 3 a dry run found changes; 1 a repository failed. */
        public int exitCode() {
            return report.exitCode();
        }
    }

    /**
     * A request as the CLI makes it: the cache in {@code workDir} (null: {@code ~/.cache/orca}), every other publish
     * option at its default.
     */
    public static Request request(String name, byte[] bytes, Path baseDir, Path stateDir, Path workDir, boolean dryRun,
                                  boolean local) {
        PublishOptions options = PublishOptions.defaults(workDir == null ? PublishOptions.defaultWorkDir() : workDir).withDryRun(dryRun);
        return new Request(name, bytes, baseDir, stateDir, options, local, CredentialResolver.system());
    }

    public static Result publish(Request request) {
        return publish(request, Progress.NONE);
    }

    /** As {@link #publish(Request)}, telling {@code progress} of each repository read before generating. */
    public static Result publish(Request request, Progress progress) {
        // A dry run writes nothing: without a cache of earlier runs it fetches into a temporary one, deleted after.
        if (!request.options().dryRun() || Files.isDirectory(request.options().workDir())) return run(request, progress);
        Path temporary;
        try {
            temporary = Files.createTempDirectory("orca-diff");
        } catch (IOException e) {
            return new Result(null, null, List.of(), "cannot create a temporary folder: " + e.getMessage());
        }
        // Deleted at exit too: a dry run stopped by Ctrl-C leaves no orca-diff folder behind.
        Thread cleanup = new Thread(() -> Folders.deleteQuietly(temporary), "orca-diff-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            return run(new Request(request.name(), request.bytes(), request.baseDir(), request.stateDir(),
                    request.options().withWorkDir(temporary), request.local(), request.credentials()), progress);
        } finally {
            Folders.deleteQuietly(temporary);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // the JVM is exiting: the hook runs anyway
            }
        }
    }

    private static Result run(Request request, Progress progress) {
        List<String> warnings = new ArrayList<>();
        ValidationService.Report report = ValidationService.validate(request.name(), request.bytes());
        if (report.hasErrors() || report.document().isEmpty()) {
            return new Result(GenerateService.Outcome.failed(report), null, warnings, null);
        }
        UnaryOperator<Network> adjust = request.local() ? PublishService::embedded : n -> n;
        Network network = adjust.apply(ModelBinder.bind((YMap) report.document().get(), report.load().source()));
        if (request.options().dryRun()) return run(request, report, network, adjust, warnings, progress);
        // A run holds its repositories from reading their files to the push (in a fixed order: no deadlock), so a
        // second run sharing the work folder seals against what the first one pushed (issue 10, item 10).
        java.util.TreeMap<String, GitTarget> byKey = new java.util.TreeMap<>();
        for (Organization o : network.organizations()) {
            GitTarget t = new GitTarget(lockUrl(o, request), o.gitops().branch(), io.orca.publish.GitCredentials.none());
            byKey.putIfAbsent(io.orca.publish.RepositoryCache.key(t), t);
        }
        List<io.orca.publish.RepositoryCache.Lock> locks = new ArrayList<>();
        try {
            for (GitTarget t : byKey.values()) {
                locks.add(io.orca.publish.RepositoryCache.runLock(request.options().workDir(), t, request.options().lockTimeout()));
            }
            return run(request, report, network, adjust, warnings, progress);
        } catch (PublishException e) {
            return new Result(null, null, warnings, e.getMessage());
        } finally {
            for (int i = locks.size() - 1; i >= 0; i--) locks.get(i).close();
        }
    }

    /** The URL a repository is known by (its lock), without resolving credentials. */
    private static String lockUrl(Organization o, Request request) {
        Organization.Gitops g = o.gitops();
        if (g.embedded() || g.protocol().equals("file")) {
            String url = g.url().startsWith("file://") ? g.url().substring("file://".length()) : g.url();
            return request.baseDir().resolve(url).normalize().toString();
        }
        return g.url();
    }

    private static Result run(Request request, ValidationService.Report report, Network network,
                              UnaryOperator<Network> adjust, List<String> warnings, Progress progress) {
        boolean dryRun = request.options().dryRun();
        Publisher publisher = new Publisher(request.options());
        // What each repository holds now: earlier encrypted Secrets keep their bytes when unchanged, and their side
        // files give back the public halves of keys this machine does not hold.
        Map<String, GitTarget> targets = new LinkedHashMap<>();
        Map<String, Map<String, byte[]>> current = new HashMap<>();
        Map<String, String> failedTargets = new LinkedHashMap<>();
        int repositories = (int) network.organizations().stream().map(o -> FluxRenderer.repoKey(o.gitops())).distinct().count();
        for (Organization o : network.organizations()) {
            String key = FluxRenderer.repoKey(o.gitops());
            if (targets.containsKey(key) || failedTargets.containsKey(key)) continue;
            try {
                GitTarget target = target(o, request);
                targets.put(key, target);
                List<String> dirs = network.organizations().stream()
                        .filter(x -> FluxRenderer.repoKey(x.gitops()).equals(key)).map(x -> x.gitops().releaseDir()).distinct().toList();
                // A dry run reads a local repository that does not exist yet as empty, and creates nothing.
                current.put(key, dryRun && isMissingLocal(o, target) ? Map.of() : publisher.snapshot(target, dirs));
            } catch (PublishException | CredentialResolver.UnresolvedCredentialException | IOException e) {
                failedTargets.put(key, e.getMessage());
            }
            progress.step("repositories read", targets.size() + failedTargets.size(), repositories, o.name());
        }
        if (!failedTargets.isEmpty()) {
            return new Result(null, null, warnings, String.join("\n", failedTargets.values()));
        }
        SecretSealer.ExistingFiles existing = (repository, path) ->
                Optional.ofNullable(current.getOrDefault(FluxRenderer.repoKey(repository), Map.of()).get(path));
        LocalMaterialStore store = new LocalMaterialStore(request.stateDir());
        GenerateService.Outcome outcome;
        try {
            PlanningService.Request planning = new PlanningService.Request(
                    net -> store.or(new RepositoryMaterial(net, existing)), new SecureRandom(), request.credentials(), true, adjust);
            outcome = GenerateService.generate(PlanningService.plan(report, planning),
                    new GitOpsOutput.Options(request.baseDir().resolve(".orca"),
                            dryRun ? GitOpsOutput.LocalKeys.EPHEMERAL : GitOpsOutput.LocalKeys.CREATE,
                            existing, true, request.credentials()), warnings);
        } catch (RefusedException | SecretsException e) {
            return new Result(null, null, warnings, e.getMessage());
        }
        if (!outcome.ok()) return new Result(outcome, null, warnings, null);
        // Kept before pushing: a key that reaches a repository is never lost to a failure after the push.
        if (!dryRun) store.save(outcome.newMaterial());
        List<RepositoryChange> changes = new ArrayList<>();
        Network net = outcome.network();
        CommitContext context = new CommitContext(net.platform() + "-" + net.env().type(), request.name(), net.source().sha256(),
                new java.util.TreeSet<>(net.organizations().stream().map(Organization::name).toList()));
        for (RepositoryTree tree : outcome.trees()) {
            GitTarget target = targets.get(FluxRenderer.repoKey(tree.gitops()));
            List<OwnedDirectory> dirs = new ArrayList<>();
            for (String dir : tree.ownedDirs()) {
                TreeMap<String, byte[]> files = new TreeMap<>();
                String prefix = dir + "/";
                tree.files().forEach((path, content) -> {
                    if (path.startsWith(prefix)) files.put(path.substring(prefix.length()), content.getBytes(StandardCharsets.UTF_8));
                });
                String org = tree.organizations().get(0);
                dirs.add(new OwnedDirectory(org, dir, files));
            }
            Author author = new Author(tree.gitops().authorName(), tree.gitops().email());
            changes.add(new RepositoryChange(target, author, dirs, context));
            // The chart folders its HelmReleases name, co-owned with any other network that uses them (decision 0027).
            // A change of their own, merged by the publisher: a chart_source inside a release_dir then fails this
            // repository alone.
            List<SharedDirectory> charts = tree.charts().stream()
                    .map(c -> new SharedDirectory(c.path(), "chart " + c.chart() + " " + c.version(), c.files())).toList();
            if (!charts.isEmpty()) changes.add(new RepositoryChange(target, author, List.of(), context, charts));
        }
        progress.step(dryRun ? "repositories to compare" : "repositories to publish", 0, outcome.trees().size(), null);
        PublishReport published = dryRun ? publisher.diff(changes) : publisher.publish(changes);
        return new Result(outcome, published, warnings, null);
    }

    /** An embedded or file:// repository that is not there yet (publish creates it; a dry run does not). */
    private static boolean isMissingLocal(Organization o, GitTarget target) {
        return GitOpsOutput.isLocal(o.gitops()) && !Files.exists(Path.of(target.url()));
    }

    /** Every organization to its embedded local repository ({@code --local}). */
    static Network embedded(Network n) {
        List<Organization> orgs = new ArrayList<>();
        for (Organization o : n.organizations()) {
            Organization.Gitops g = o.gitops();
            orgs.add(o.withGitops(new Organization.Gitops("file", ModelBinder.embeddedRepository(o.name()), g.branch(),
                    g.releaseDir(), g.chartSource(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    g.authorName(), g.email(), g.chartRepository(), Optional.empty(), true, Optional.empty())));
        }
        return n.withOrganizations(orgs);
    }

    /** The Git target of an organization's repository, with its credentials resolved (references expanded). */
    static GitTarget target(Organization o, Request request) throws IOException {
        Organization.Gitops g = o.gitops();
        CredentialResolver r = request.credentials();
        String where = "organization '" + o.name() + "' gitops";
        if (g.embedded() || g.protocol().equals("file")) {
            String url = g.url().startsWith("file://") ? g.url().substring("file://".length()) : g.url();
            Path path = request.baseDir().resolve(url).normalize();
            if (g.embedded() && !request.options().dryRun()) LocalBareRepositories.ensureBare(path, g.branch());
            return new GitTarget(path.toString(), g.branch(), GitCredentials.none());
        }
        if (g.protocol().equals("ssh")) {
            Path key = r.resolvePath(g.privateKey().orElseThrow(() ->
                    new CredentialResolver.UnresolvedCredentialException(where + ": ssh needs private_key")), where + ".private_key");
            return new GitTarget(g.url(), g.branch(), new GitCredentials.SshKey(key, null, null, g.knownHosts().orElse(null)));
        }
        if (g.password().isPresent()) {
            return new GitTarget(g.url(), g.branch(), GitCredentials.userPassword(g.username().orElse("git"),
                    r.resolve(g.password().get(), where + ".password")));
        }
        return new GitTarget(g.url(), g.branch(), GitCredentials.none());
    }
}
