package io.orca.app;

import io.orca.apply.Cancellation;
import io.orca.apply.DestroyEngine;
import io.orca.apply.Progress;
import io.orca.helm.HelmEngine;
import io.orca.kube.KubeTarget;
import io.orca.kube.Kubernetes;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The dev-mode destroy use case: plan (read only, for the releases' dependency order), then per selected organization
 * {@link DestroyEngine}: releases uninstalled dependents first, Pods waited for, then Orca's Secrets, inventory and the
 * namespace it created; volume claims and generated key material kept unless purge.
 */
public final class DestroyService {
    private DestroyService() {
    }

    public record Result(PlanningService.Planned planned, String refusal, boolean usage, DestroyEngine.Report report) {
        public int exitCode() {
            if (report != null) return report.exitCode();
            return usage ? 2 : 1;
        }
    }

    public static Result destroy(String name, byte[] bytes, DevMode.Selection selection, Path charts, DestroyEngine.Options options,
                                 HelmEngine helm, Function<KubeTarget, Kubernetes> clusters, Cancellation cancel, Progress progress) {
        DevMode.Planned p = DevMode.planForReading(name, bytes, selection, charts);
        if (p.refusal() != null || p.units() == null) return new Result(p.planned(), p.refusal(), p.usage(), null);
        return new Result(p.planned(), null, false, new DestroyEngine(helm, clusters, options, cancel, progress).destroy(p.units()));
    }
}
