package io.orca.app;

import io.orca.diag.Diagnostic;
import io.orca.diag.Position;
import io.orca.diag.Rule;
import io.orca.load.YNode;
import io.orca.load.YMap;
import io.orca.model.ModelBinder;
import io.orca.model.Network;
import io.orca.model.Organization;
import io.orca.plan.OrganizationPlan;
import io.orca.secrets.LocalAgeKeys;
import io.orca.secrets.SecretsConfig;
import io.orca.secrets.SecretsPolicy;
import io.orca.plan.DeploymentPlan;
import io.orca.plan.MaterialSource;
import io.orca.plan.Planner;
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

    /**
     * How a run finds and keeps material.
     *
     * @param store      private material of earlier runs, kept on this machine
     * @param orcaDir    where local age keys are made for local repositories without recipients (null: none)
     * @param existing   the repositories' current files (earlier encrypted Secrets and their side files)
     * @param publishing true when the output goes to its repositories: a remote repository then requires age recipients
     */
    public record Options(MaterialSource store, SecureRandom random, Path orcaDir, SecretSealer.ExistingFiles existing,
                          boolean publishing, boolean seal, CredentialResolver credentials) {
        public Options(MaterialSource store, SecureRandom random, Path orcaDir, SecretSealer.ExistingFiles existing,
                       boolean publishing, boolean seal) {
            this(store, random, orcaDir, existing, publishing, seal, CredentialResolver.system());
        }

        public static Options inMemory(MaterialSource store, SecureRandom random) {
            return new Options(store, random, null, SecretSealer.ExistingFiles.NONE, false, true);
        }
    }

    /** Planning stopped for a reason that is not a diagnostic of the file (e.g. a missing age recipient). */
    public static final class RefusedException extends RuntimeException {
        public RefusedException(String message) {
            super(message, null, false, false);
        }
    }

    public static Outcome plan(String name, byte[] bytes, MaterialSource material, SecureRandom random) {
        return plan(name, bytes, Options.inMemory(material, random), new ArrayList<>());
    }

    public static Outcome plan(String name, byte[] bytes, Options options, List<String> warnings) {
        return plan(name, bytes, options, warnings, n -> n);
    }

    /** As above; {@code adjust} rewrites the bound network first (e.g. {@code publish --local}). */
    public static Outcome plan(String name, byte[] bytes, Options options, List<String> warnings,
                               java.util.function.UnaryOperator<Network> adjust) {
        return plan(ValidationService.validate(name, bytes), options, warnings, adjust);
    }

    /** Plans a file already validated (publish validates first to find its repositories). */
    public static Outcome plan(ValidationService.Report report, Options options, List<String> warnings,
                               java.util.function.UnaryOperator<Network> adjust) {
        if (report.hasErrors() || report.document().isEmpty()) return new Outcome(report, null, null, List.of());
        Network network = withLocalRecipients(adjust.apply(ModelBinder.bind((YMap) report.document().get(),
                report.load().source())), options.orcaDir(), warnings);
        if (Planner.forPlatform(network.platform()).isEmpty()) {
            // Valid, but not deployable yet: said once, at network.type ('orca validate' gives the rest).
            YNode type = ((YMap) report.document().get()).map("network").map(n -> n.get("type")).orElse(null);
            List<Diagnostic> diagnostics = List.of(Rule.PLATFORM_NOT_DEPLOYABLE.at(report.load().source().name(),
                    type == null ? Position.START : type.position(), "network.type",
                    new Planner.UnsupportedPlatformException(network.platform()).getMessage(),
                    "'orca validate' checks it fully; planning comes with the platform's own issue"));
            return new Outcome(new ValidationService.Report(report.load(), diagnostics), null, null, List.of());
        }
        Map<String, String> treeNames = FluxRenderer.treeNames(network);
        MaterialSource material = (org, secret) -> options.store().find(org, secret).or(() ->
                network.organization(org).flatMap(o -> SecretSealer.publicOnly(
                        new RepositoryTree(treeNames.get(FluxRenderer.repoKey(o.gitops())), o.gitops(), List.of(o.name()),
                                List.of(), new java.util.TreeMap<>()),
                        o.gitops().releaseDir(), io.orca.model.Names.namespace(network.platform(), o.name()), secret,
                        options.existing())));
        DeploymentPlan plan = Planner.plan(network, material, options.random());
        plan = RepositoryCredentials.add(plan, options.credentials(), options.publishing(), warnings);
        for (OrganizationPlan op : plan.organizations()) {
            Organization o = op.organization();
            if (op.secrets().isEmpty() || !o.secrets().ageRecipients().isEmpty()) continue;
            String message = "organization '" + o.name() + "' has private keys but no age recipient";
            if (options.publishing() && !isLocal(o.gitops())) {
                throw new RefusedException(message + ": refusing to publish its Secrets to " + io.orca.model.Redaction.url(o.gitops().url())
                        + ". Fix: run 'orca secrets keygen " + o.name() + "', install the key in its cluster, and add the recipient"
                        + " under network.secrets.age_recipients or the organization's secrets.age_recipients");
            }
            warnings.add(message + "; its keys stay in the state folder only and no Secret is written to its tree");
        }
        List<RepositoryTree> rendered = FluxRenderer.render(plan);
        List<RepositoryTree> trees = options.seal() ? SecretSealer.seal(plan, rendered, options.existing()) : rendered;
        return new Outcome(report, network, plan, trees);
    }

    /** Whether a repository is on this machine (the embedded default or a file:// / path URL). */
    public static boolean isLocal(Organization.Gitops g) {
        return g.embedded() || g.protocol().equals("file");
    }

    /** Local repositories without recipients get a local age key (.orca/age/<org>.agekey), with a warning. */
    private static Network withLocalRecipients(Network n, Path orcaDir, List<String> warnings) {
        if (orcaDir == null) return n;
        List<Organization> orgs = new ArrayList<>();
        for (Organization o : n.organizations()) {
            if (!o.secrets().ageRecipients().isEmpty() || !isLocal(o.gitops())) {
                orgs.add(o);
                continue;
            }
            SecretsPolicy.Resolved resolved = SecretsPolicy.resolve(o.name(),
                    new SecretsConfig(o.secrets().provider(), o.secrets().ageRecipients()), SecretsConfig.NONE);
            SecretsPolicy.Local local = SecretsPolicy.forLocal(resolved, orcaDir);
            local.generatedKey().filter(LocalAgeKeys.LocalKey::created).flatMap(k -> local.warning()).ifPresent(warnings::add);
            orgs.add(new Organization(o.name(), o.type(), o.k8s(), o.gitops(),
                    new Network.SecretsConfig("sops", local.recipients()), o.services()));
        }
        return new Network(n.platform(), n.version(), n.env(), n.docker(), n.flux(), n.secrets(), n.config(), orgs, n.source());
    }

    /**
     * Writes each repository's tree under {@code out/<tree name>/}, removing from the folders Orca owns there every
     * file that is not in the tree (files of removed releases disappear), and leaving everything else alone. A file
     * whose bytes are already there is not rewritten: a re-run touches only what changed.
     */
    public static void write(List<RepositoryTree> trees, Path out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        for (RepositoryTree t : trees) {
            Path root = out.resolve(t.name());
            for (String owned : t.ownedDirs()) prune(root, root.resolve(owned), t.files());
            for (Map.Entry<String, String> f : t.files().entrySet()) {
                Path p = root.resolve(f.getKey());
                byte[] bytes = f.getValue().getBytes(StandardCharsets.UTF_8);
                if (sameContent(p, bytes, buffer)) continue;
                Files.createDirectories(p.getParent());
                Files.write(p, bytes);
            }
        }
    }

    /** Deletes what under {@code dir} is not a file of the tree (links and other non-regular files too), then empty folders. */
    private static void prune(Path root, Path dir, Map<String, String> files) throws IOException {
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
