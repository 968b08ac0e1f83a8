package io.orca.app;

import io.orca.diag.Diagnostic;
import io.orca.diag.Position;
import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.load.YNode;
import io.orca.model.ModelBinder;
import io.orca.model.Network;
import io.orca.model.Secret;
import io.orca.plan.DeploymentPlan;
import io.orca.plan.MaterialSource;
import io.orca.plan.NewMaterial;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.Planner;
import io.orca.plan.PullSecrets;
import io.orca.plan.SecretPlan;
import io.orca.validate.ValidationService;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The planning use case every output starts from: validate → bind → plan, with earlier material from a
 * {@link MaterialSource}. Sink-neutral: no Git, no sealing, no Flux, and no writes — the material it generates comes
 * back in {@link Planned#newMaterial()}, and only a command that deploys stores it.
 */
public final class PlanningService {
    private PlanningService() {
    }

    /**
     * @param material    earlier material (state folder, repositories, cluster), read only; made from the bound
     *                    network, since where an organization's material lives (its repository, its cluster) is in it
     * @param credentials resolves network.yaml's credential references (the registry password)
     * @param strict      an unresolvable credential refuses the run (deploying) instead of a warning (previewing)
     * @param adjust      rewrites the bound network first (e.g. {@code publish --local})
     */
    public record Request(Function<Network, MaterialSource> material, SecureRandom random, CredentialResolver credentials,
                          boolean strict, UnaryOperator<Network> adjust) {
        /** For commands that show a plan: the given material, new keys drawn at random, credentials best effort. */
        public static Request preview(MaterialSource material) {
            return new Request(n -> material, new SecureRandom(), CredentialResolver.system(), false, n -> n);
        }

        public Request withRandom(SecureRandom other) {
            return new Request(material, other, credentials, strict, adjust);
        }

        public Request withCredentials(CredentialResolver other, boolean strictly) {
            return new Request(material, random, other, strictly, adjust);
        }

        public Request withAdjust(UnaryOperator<Network> other) {
            return new Request(material, random, credentials, strict, other);
        }

        public Request withMaterial(Function<Network, MaterialSource> other) {
            return new Request(other, random, credentials, strict, adjust);
        }
    }

    /** The plan, or the diagnostics that prevented it; with the material this run generated and what to warn about. */
    public record Planned(ValidationService.Report report, Network network, DeploymentPlan plan, List<NewMaterial> newMaterial,
                          List<String> warnings) {
        public Planned {
            newMaterial = List.copyOf(newMaterial);
            warnings = List.copyOf(warnings);
        }

        public boolean ok() {
            return plan != null;
        }

        public List<Diagnostic> diagnostics() {
            return report.diagnostics();
        }

        static Planned failed(ValidationService.Report report) {
            return new Planned(report, null, null, List.of(), List.of());
        }
    }

    public static Planned plan(String name, byte[] bytes, Request request) {
        return plan(ValidationService.validate(name, bytes), request);
    }

    /** Plans a file already validated. */
    public static Planned plan(ValidationService.Report report, Request request) {
        if (report.hasErrors() || report.document().isEmpty()) return Planned.failed(report);
        // Valid input the platform cannot deploy (e.g. a version whose bootstrap Orca does not build).
        List<Diagnostic> refusals = ValidationService.planningDiagnostics(report);
        if (!refusals.isEmpty()) {
            List<Diagnostic> all = new ArrayList<>(report.diagnostics());
            all.addAll(refusals);
            all.sort(Diagnostic.ORDER);
            report = new ValidationService.Report(report.load(), List.copyOf(all));
            if (report.hasErrors()) return Planned.failed(report);
        }
        List<String> warnings = new ArrayList<>();
        // Planning rules' warnings (what Orca leaves out) reach every front end with the plan.
        for (Diagnostic d : refusals) {
            warnings.add("warning " + d.ruleId() + " at " + d.file() + ":" + d.position().line() + ":" + d.position().column()
                    + ": " + d.message() + " (" + d.hint() + ")");
        }
        Network network = request.adjust().apply(ModelBinder.bind((YMap) report.document().get(), report.load().source()));
        if (Planner.forPlatform(network.platform()).isEmpty()) {
            // Valid, but not deployable yet: said once, at network.type ('orca validate' gives the rest).
            YNode type = ((YMap) report.document().get()).map("network").map(n -> n.get("type")).orElse(null);
            List<Diagnostic> diagnostics = List.of(Rule.PLATFORM_NOT_DEPLOYABLE.at(report.load().source().name(),
                    type == null ? Position.START : type.position(), "network.type",
                    new Planner.UnsupportedPlatformException(network.platform()).getMessage(),
                    "'orca validate' checks it fully; planning comes with the platform's own issue"));
            return Planned.failed(new ValidationService.Report(report.load(), diagnostics));
        }
        // What the sources had: anything generated and not found here is new material.
        Set<String> found = ConcurrentHashMap.newKeySet();
        MaterialSource material = request.material().apply(network);
        MaterialSource recording = (org, secret) -> {
            Optional<SecretPlan> s = material.find(org, secret);
            if (s.isPresent()) found.add(org + "\u0000" + secret);
            return s;
        };
        DeploymentPlan plan;
        try {
            plan = Planner.plan(network, recording, request.random());
        } catch (io.orca.plan.MaterialMissingException e) {
            throw new RefusedException(e.getMessage());
        }
        warnings.addAll(plan.warnings());
        Optional<PullSecrets.Login> login = registryLogin(network, request, warnings);
        if (login.isPresent()) plan = PullSecrets.add(plan, login.get());
        List<NewMaterial> fresh = new ArrayList<>();
        for (OrganizationPlan op : plan.organizations()) {
            for (SecretPlan s : op.secrets()) {
                if (s.generated() && !s.data().isEmpty() && !found.contains(op.organization().name() + "\u0000" + s.name())) {
                    fresh.add(new NewMaterial(op.organization().name(), s));
                }
            }
        }
        return new Planned(report, network, plan, fresh, warnings);
    }

    /** network.docker's credentials, resolved; none when it has no username and password. */
    private static Optional<PullSecrets.Login> registryLogin(Network net, Request request, List<String> warnings) {
        if (net.docker().username().isEmpty() || net.docker().password().isEmpty()) return Optional.empty();
        try {
            Secret password = request.credentials().resolve(net.docker().password().get(), "network.docker.password");
            return Optional.of(new PullSecrets.Login(net.docker().url(), net.docker().username().get(), password));
        } catch (CredentialResolver.UnresolvedCredentialException e) {
            if (request.strict()) throw new RefusedException(e.getMessage());
            warnings.add("no registry pull secret: " + e.getMessage());
            return Optional.empty();
        }
    }
}
