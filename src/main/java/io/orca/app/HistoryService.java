package io.orca.app;

import io.orca.apply.GitOpsWait;
import io.orca.apply.OrganizationUnit;
import io.orca.kube.KubeTarget;
import io.orca.kube.Kubernetes;
import io.orca.load.YMap;
import io.orca.model.ModelBinder;
import io.orca.model.Network;
import io.orca.model.Organization;
import io.orca.publish.Author;
import io.orca.publish.GitTarget;
import io.orca.publish.PublishHistory;
import io.orca.publish.PublishOptions;
import io.orca.publish.PublishStatus;
import io.orca.publish.Rollback;
import io.orca.render.FluxRenderer;
import io.orca.validate.ValidationService;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code orca history} and {@code orca rollback} (decision 0029): the network file says which repositories and which
 * release_dirs are the network's; the publish engine's history and rollback do the rest, per repository. History and a
 * dry run write nothing: without a cache of earlier runs they fetch into a temporary folder, deleted after (as
 * {@code orca diff} does).
 */
public final class HistoryService {
    private HistoryService() {
    }

    /**
     * @param organizations the selected organizations (empty: all)
     * @param local         every organization's embedded local repository, as {@code orca publish --local}
     */
    public record Request(String name, byte[] bytes, Path baseDir, PublishOptions options, boolean local,
                          Set<String> organizations, CredentialResolver credentials) {
    }

    /** A request as the CLI makes it: the cache in {@code workDir} (null: {@code ~/.cache/orca}), credentials from the environment. */
    public static Request request(String name, byte[] bytes, Path baseDir, Path workDir, boolean dryRun, boolean local,
                                  Set<String> organizations) {
        PublishOptions options = PublishOptions.defaults(workDir == null ? PublishOptions.defaultWorkDir() : workDir).withDryRun(dryRun);
        return new Request(name, bytes, baseDir, options, local, organizations, CredentialResolver.system());
    }

    /** One repository of the selection: where, which organizations, and the scope of the network's files there. */
    record Repository(GitTarget target, List<Organization> organizations, PublishHistory.Scope scope) {
    }

    /** The selection, or why there is none: diagnostics ({@code report} with errors), a refusal, or a usage error. */
    record Selection(ValidationService.Report report, List<Repository> repositories, String refusal, boolean usage) {
    }

    /** History: per repository, its publishes (or why it could not be read). */
    public record HistoryResult(ValidationService.Report report, String refusal, boolean usage, List<PublishHistory.Log> logs) {
        /** 0 every repository read; 1 invalid network.yaml or a repository unreadable; 2 usage error. */
        public int exitCode() {
            if (usage) return 2;
            if (logs == null) return 1;
            return logs.stream().anyMatch(l -> l.failure() != null) ? 1 : 0;
        }
    }

    /** Rollback: per repository that holds REV, its outcome; the releases restored per organization (for --wait). */
    public record RollbackResult(ValidationService.Report report, String refusal, boolean usage, List<Rollback.Result> results,
                                 Map<String, List<io.orca.publish.HelmReleaseRef>> releasesByOrganization,
                                 Map<String, String> commitsByOrganization) {
        /** 0 rolled back or nothing to do; 1 invalid, refused or a repository failed; 2 usage (unknown REV, --org); 3 dry run would change. */
        public int exitCode() {
            if (usage) return 2;
            if (results == null) return 1;
            if (results.stream().anyMatch(r -> r.report().status() == PublishStatus.FAILED)) return 1;
            return results.stream().anyMatch(r -> r.report().status() == PublishStatus.WOULD_CHANGE) ? 3 : 0;
        }
    }

    public static HistoryResult history(Request request, int limit) {
        return readOnly(request, true, r -> {
            Selection s = select(r);
            if (s.repositories() == null) return new HistoryResult(s.report(), s.refusal(), s.usage(), null);
            List<PublishHistory.Log> logs = new ArrayList<>();
            for (Repository repo : s.repositories()) logs.add(PublishHistory.read(r.options(), repo.target(), repo.scope(), limit));
            return new HistoryResult(s.report(), null, false, logs);
        }, refusal -> new HistoryResult(null, refusal, false, null));
    }

    public static RollbackResult rollback(Request request, String revision) {
        return readOnly(request, request.options().dryRun(), r -> {
            Selection s = select(r);
            if (s.repositories() == null) return new RollbackResult(s.report(), s.refusal(), s.usage(), null, Map.of(), Map.of());
            List<Rollback.Result> found = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            Map<String, List<io.orca.publish.HelmReleaseRef>> releases = new LinkedHashMap<>();
            Map<String, String> commits = new LinkedHashMap<>();
            for (Repository repo : s.repositories()) {
                Organization first = repo.organizations().get(0);
                Author author = new Author(first.gitops().authorName(), first.gitops().email());
                Rollback.Result result = Rollback.rollback(r.options(), repo.target(), repo.scope(), revision, author);
                if (result.unknownRevision()) {
                    unknown.add(result.report().message());
                    continue;
                }
                found.add(result);
                for (Organization o : repo.organizations()) {
                    if (result.report().status() != PublishStatus.FAILED) commits.put(o.name(), result.report().commitId());
                    releases.put(o.name(), result.releases().stream()
                            .filter(h -> h.directory().equals(o.gitops().releaseDir())).toList());
                }
            }
            if (found.isEmpty()) {
                String why = unknown.size() == 1 ? unknown.get(0) : "no repository of the selection holds a publish " + revision
                        + " of this network:\n  " + String.join("\n  ", new TreeSet<>(unknown));
                return new RollbackResult(s.report(), why, true, null, Map.of(), Map.of());
            }
            return new RollbackResult(s.report(), null, false, found, releases, commits);
        }, refusal -> new RollbackResult(null, refusal, false, null, Map.of(), Map.of()));
    }

    /** One organization's delivery of the rollback, as {@code --wait} saw it last. */
    public record Waited(String organization, String commit, GitOpsWait.State state) {
    }

    /**
     * {@code --wait}: follows each rolled-back organization's cluster until its Flux sync is at the rollback commit and
     * every HelmRelease of it is Ready, or one failed, or {@code timeout}. Reads only ({@code orca status}'s objects).
     */
    public static List<Waited> await(String name, byte[] bytes, RollbackResult result, DevMode.Selection selection,
                                     Duration timeout, Duration every, Function<KubeTarget, Kubernetes> clusters)
            throws InterruptedException {
        Set<String> orgs = new java.util.LinkedHashSet<>(result.commitsByOrganization().keySet());
        DevMode.Planned p = DevMode.planForReading(name, bytes, new DevMode.Selection(orgs, selection.kubeconfig(), selection.context()), null);
        List<Waited> out = new ArrayList<>();
        if (p.units() == null) {
            String why = p.refusal() != null ? p.refusal() : "network.yaml could not be planned";
            for (String o : orgs) out.add(new Waited(o, result.commitsByOrganization().get(o), new GitOpsWait.State(false, why, List.of())));
            return out;
        }
        String fluxNs = p.planned().network().flux().namespace();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (OrganizationUnit u : p.units()) {
            String commit = result.commitsByOrganization().get(u.organization());
            List<String[]> releases = new ArrayList<>();
            for (io.orca.publish.HelmReleaseRef r : result.releasesByOrganization().getOrDefault(u.organization(), List.of())) {
                releases.add(new String[]{r.namespace() == null ? u.namespace() : r.namespace(), r.name()});
            }
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            try (Kubernetes kube = clusters.apply(u.target())) {
                out.add(new Waited(u.organization(), commit, GitOpsWait.await(kube, fluxNs, commit, releases, left, every)));
            } catch (io.orca.kube.KubeException e) {
                out.add(new Waited(u.organization(), commit, new GitOpsWait.State(false, "cluster unreachable: " + e.getMessage(), List.of())));
            }
        }
        return out;
    }

    /** Runs {@code body} with the request's cache, or (read only, no cache yet) a temporary one deleted after. */
    private static <T> T readOnly(Request request, boolean readOnly, Function<Request, T> body, Function<String, T> refused) {
        if (!readOnly || Files.isDirectory(request.options().workDir())) return body.apply(request);
        Path temporary;
        try {
            temporary = Files.createTempDirectory("orca-history");
        } catch (IOException e) {
            return refused.apply("cannot create a temporary folder: " + e.getMessage());
        }
        Thread cleanup = new Thread(() -> Folders.deleteQuietly(temporary), "orca-history-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            return body.apply(new Request(request.name(), request.bytes(), request.baseDir(),
                    request.options().withWorkDir(temporary), request.local(), request.organizations(), request.credentials()));
        } finally {
            Folders.deleteQuietly(temporary);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // the JVM is exiting: the hook runs anyway
            }
        }
    }

    /** Validates the network and groups the selected organizations by repository. */
    static Selection select(Request request) {
        ValidationService.Report report = ValidationService.validate(request.name(), request.bytes());
        if (report.hasErrors() || report.document().isEmpty()) return new Selection(report, null, null, false);
        Network network = ModelBinder.bind((YMap) report.document().get(), report.load().source());
        if (request.local()) network = PublishService.embedded(network);
        TreeSet<String> names = new TreeSet<>(network.organizations().stream().map(Organization::name).toList());
        for (String o : request.organizations()) {
            if (!names.contains(o)) {
                return new Selection(report, null, "unknown organization '" + o + "' (--org); the network's organizations: "
                        + String.join(", ", names), true);
            }
        }
        String networkName = network.platform() + "-" + network.env().type();
        // the target is resolved as for a dry run: an embedded repository that does not exist is not created
        PublishService.Request resolving = new PublishService.Request(request.name(), request.bytes(), request.baseDir(),
                request.baseDir(), request.options().withDryRun(true), request.local(), request.credentials());
        Map<String, List<Organization>> byRepository = new LinkedHashMap<>();
        Map<String, GitTarget> targets = new LinkedHashMap<>();
        for (Organization o : network.organizations()) {
            if (!request.organizations().isEmpty() && !request.organizations().contains(o.name())) continue;
            String key = FluxRenderer.repoKey(o.gitops());
            try {
                if (!targets.containsKey(key)) targets.put(key, PublishService.target(o, resolving));
            } catch (IOException | CredentialResolver.UnresolvedCredentialException e) {
                return new Selection(report, null, e.getMessage(), false);
            }
            byRepository.computeIfAbsent(key, k -> new ArrayList<>()).add(o);
        }
        List<Repository> out = new ArrayList<>();
        for (Map.Entry<String, List<Organization>> e : byRepository.entrySet()) {
            // without --org: every release_dir of this network in the repository, also those of organizations removed since
            TreeSet<String> dirs = request.organizations().isEmpty() ? null
                    : new TreeSet<>(e.getValue().stream().map(o -> o.gitops().releaseDir()).toList());
            out.add(new Repository(targets.get(e.getKey()), e.getValue(), new PublishHistory.Scope(networkName, names, dirs)));
        }
        return new Selection(report, out, null, false);
    }
}
