package io.orca.app;

import io.orca.apply.OrganizationUnit;
import io.orca.apply.StatusReader;
import io.orca.helm.HelmEngine;
import io.orca.kube.KubeTarget;
import io.orca.kube.Kubernetes;
import io.orca.plan.MaterialSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The status use case: plan (read only: no material read or kept, since release names do not depend on keys), then
 * each selected organization's state from its cluster ({@link StatusReader}). Writes nothing anywhere.
 */
public final class StatusService {
    private StatusService() {
    }

    public record Result(PlanningService.Planned planned, String refusal, boolean usage,
                         List<StatusReader.OrganizationStatus> organizations) {
        public boolean ready() {
            return organizations != null && !organizations.isEmpty() && organizations.stream().allMatch(StatusReader.OrganizationStatus::ready);
        }

        /** 0 every release of every selected organization Ready; 1 anything else; 2 an unknown organization. */
        public int exitCode() {
            if (usage) return 2;
            return ready() ? 0 : 1;
        }
    }

    public static Result status(String name, byte[] bytes, DevMode.Selection selection, Path charts, HelmEngine helm,
                                Function<KubeTarget, Kubernetes> clusters) {
        DevMode.Planned p = DevMode.planForReading(name, bytes, selection, charts);
        if (p.refusal() != null || p.units() == null) return new Result(p.planned(), p.refusal(), p.usage(), null);
        StatusReader reader = new StatusReader(helm, clusters);
        List<StatusReader.OrganizationStatus> out = new ArrayList<>();
        String fluxNs = p.planned().network().flux().namespace();
        for (OrganizationUnit o : p.units()) out.add(reader.read(o, fluxNs));
        return new Result(p.planned(), null, false, out);
    }

    static MaterialSource none() {
        return MaterialSource.NONE;
    }

    static Path charts(Path given) throws IOException {
        return given != null ? given : TemplateService.ChartLocator.charts();
    }
}
