package io.orca.app;

import io.orca.apply.ApplyEngine;
import io.orca.apply.ApplyOptions;
import io.orca.apply.ApplyReport;
import io.orca.apply.Cancellation;
import io.orca.apply.OrganizationUnit;
import io.orca.apply.Progress;
import io.orca.helm.HelmEngine;
import io.orca.kube.KubeTarget;
import io.orca.kube.Kubernetes;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Function;

/**
 * The dev-mode apply use case: plan exactly as generate and publish do (earlier material from the clusters, then this
 * machine's state folder), keep the material generated now in the state folder, then hand each selected
 * organization's namespace, Secrets and releases to {@link ApplyEngine}. No Git, no Flux.
 */
public final class ApplyService {
    private ApplyService() {
    }

    /**
     * @param stateDir where generated private material is kept on this machine (as publish keeps it)
     * @param charts   Orca's chart folders (one per chart name)
     */
    public record Request(String name, byte[] bytes, Path stateDir, DevMode.Selection selection, ApplyOptions options,
                          CredentialResolver credentials, Path charts) {
    }

    /** The run's outcome: diagnostics (invalid input), a refusal, or the engine's report. */
    public record Result(PlanningService.Planned planned, String refusal, List<String> unknownOrganizations,
                         ApplyReport report) {
        public int exitCode() {
            if (report != null) return report.exitCode();
            return unknownOrganizations.isEmpty() ? 1 : 2;
        }
    }

    /** Orca's own charts (the checkout's, or those bundled in the jar). */
    public static Path charts() throws IOException {
        return TemplateService.ChartLocator.charts();
    }

    public static Result apply(Request request, HelmEngine helm, Function<KubeTarget, Kubernetes> clusters,
                               Cancellation cancel, Progress progress) {
        LocalMaterialStore store = new LocalMaterialStore(request.stateDir());
        PlanningService.Planned planned;
        try {
            PlanningService.Request planning = new PlanningService.Request(
                    net -> DevMode.clusterMaterial(net, request.selection(), clusters).or(store), new SecureRandom(),
                    request.credentials(), true, n -> n);
            planned = PlanningService.plan(request.name(), request.bytes(), planning);
        } catch (RefusedException e) {
            return new Result(null, e.getMessage(), List.of(), null);
        }
        return applyPlanned(planned, request, store, helm, clusters, cancel, progress);
    }

    static Result applyPlanned(PlanningService.Planned planned, Request request, LocalMaterialStore store,
                               HelmEngine helm, Function<KubeTarget, Kubernetes> clusters, Cancellation cancel, Progress progress) {
        if (!planned.ok()) return new Result(planned, null, List.of(), null);
        List<String> unknown = request.selection().unknown(planned.network());
        if (!unknown.isEmpty()) {
            return new Result(planned, "no organization " + String.join(", ", unknown) + " in " + request.name(), unknown, null);
        }
        List<OrganizationUnit> units;
        try {
            units = DevMode.units(planned.plan(), request.selection(), request.charts());
        } catch (IOException e) {
            return new Result(planned, "cannot read Orca's charts: " + e.getMessage(), List.of(), null);
        }
        // Kept before anything reaches a cluster: a key a node runs with is never lost to a failure after.
        if (!request.options().dryRun()) store.save(planned.newMaterial());
        ApplyReport report = new ApplyEngine(helm, clusters, request.options(), cancel, progress).apply(units);
        return new Result(planned, null, List.of(), report);
    }
}
