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
import io.orca.render.FluxRenderer;
import io.orca.render.RepositoryTree;
import io.orca.validate.ValidationService;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
    }

    /** What happened: the generate outcome (diagnostics when invalid) and the per-repository report. */
    public record Result(GenerateService.Outcome outcome, PublishReport report, List<String> warnings, String refusal) {
        public boolean ok() {
            return refusal == null && outcome != null && outcome.ok();
        }
    }

    public static Result publish(Request request) {
        List<String> warnings = new ArrayList<>();
        ValidationService.Report report = ValidationService.validate(request.name(), request.bytes());
        if (report.hasErrors() || report.document().isEmpty()) {
            return new Result(new GenerateService.Outcome(report, null, null, List.of()), null, warnings, null);
        }
        Network network = ModelBinder.bind((YMap) report.document().get(), report.load().source());
        if (request.local()) network = embedded(network);
        Publisher publisher = new Publisher(request.options());
        // What each repository holds now: earlier encrypted Secrets keep their bytes when unchanged.
        Map<String, GitTarget> targets = new LinkedHashMap<>();
        Map<String, Map<String, byte[]>> current = new HashMap<>();
        Map<String, String> failedTargets = new LinkedHashMap<>();
        for (Organization o : network.organizations()) {
            String key = FluxRenderer.repoKey(o.gitops());
            if (targets.containsKey(key) || failedTargets.containsKey(key)) continue;
            try {
                GitTarget target = target(o, request);
                targets.put(key, target);
                List<String> dirs = network.organizations().stream()
                        .filter(x -> FluxRenderer.repoKey(x.gitops()).equals(key)).map(x -> x.gitops().releaseDir()).distinct().toList();
                current.put(key, publisher.snapshot(target, dirs));
            } catch (PublishException | CredentialResolver.UnresolvedCredentialException | IOException e) {
                failedTargets.put(key, e.getMessage());
            }
        }
        if (!failedTargets.isEmpty()) {
            return new Result(null, null, warnings, String.join("\n", failedTargets.values()));
        }
        SecretSealer.ExistingFiles existing = (tree, path) ->
                Optional.ofNullable(current.getOrDefault(FluxRenderer.repoKey(tree.gitops()), Map.of()).get(path));
        GenerateService.Outcome outcome;
        LocalMaterialStore store = new LocalMaterialStore(request.stateDir());
        try {
            outcome = GenerateService.plan(report, new GenerateService.Options(store, new SecureRandom(),
                    request.baseDir().resolve(".orca"), existing, true, true, request.credentials()), warnings,
                    request.local() ? PublishService::embedded : n -> n);
        } catch (GenerateService.RefusedException e) {
            return new Result(null, null, warnings, e.getMessage());
        }
        if (!outcome.ok()) return new Result(outcome, null, warnings, null);
        store.saveNew(outcome.plan().organizations());
        List<RepositoryChange> changes = new ArrayList<>();
        Network net = outcome.network();
        CommitContext context = new CommitContext(net.platform() + "-" + net.env().type(), request.name(), net.source().sha256());
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
            changes.add(new RepositoryChange(target, new Author(tree.gitops().authorName(), tree.gitops().email()), dirs, context));
        }
        PublishReport published = request.options().dryRun() ? publisher.diff(changes) : publisher.publish(changes);
        return new Result(outcome, published, warnings, null);
    }

    /** Every organization to its embedded local repository ({@code --local}). */
    static Network embedded(Network n) {
        List<Organization> orgs = new ArrayList<>();
        for (Organization o : n.organizations()) {
            Organization.Gitops g = o.gitops();
            Organization.Gitops local = new Organization.Gitops("file", ModelBinder.embeddedRepository(o.name()), g.branch(),
                    g.releaseDir(), g.chartSource(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    g.authorName(), g.email(), g.chartRepository(), Optional.empty(), true);
            orgs.add(new Organization(o.name(), o.type(), o.k8s(), local, o.secrets(), o.services()));
        }
        return new Network(n.platform(), n.version(), n.env(), n.docker(), n.flux(), n.secrets(), n.config(), orgs, n.source());
    }

    /** The Git target of an organization's repository, with its credentials resolved (references expanded). */
    static GitTarget target(Organization o, Request request) throws IOException {
        Organization.Gitops g = o.gitops();
        CredentialResolver r = request.credentials();
        String where = "organization '" + o.name() + "' gitops";
        if (g.embedded() || g.protocol().equals("file")) {
            String url = g.url().startsWith("file://") ? g.url().substring("file://".length()) : g.url();
            Path path = request.baseDir().resolve(url).normalize();
            if (g.embedded()) LocalBareRepositories.ensureBare(path, g.branch());
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
