package io.orca.apply;

import io.orca.helm.HelmEngine;
import io.orca.helm.HelmException;
import io.orca.helm.ReleaseContent;
import io.orca.helm.ReleaseRequest;
import io.orca.helm.ReleaseRevision;
import io.orca.helm.ReleaseStatus;
import io.orca.helm.TemplateRequest;
import io.orca.helm.UpgradeOptions;
import io.orca.helm.Values;
import io.orca.kube.KubeException;
import io.orca.kube.Kubernetes;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Installs, upgrades or leaves one release, then waits for it to be Ready. Helm only applies (no Helm wait): readiness
 * is judged here through the Kubernetes seam, so that a failure names the workloads and their events, and so that
 * Ctrl-C never has to interrupt Helm. {@code --atomic} is done here too: a failed upgrade is rolled back to the
 * previous revision, a failed first install uninstalled.
 */
final class ReleaseApplier {
    /** Recorded in each revision's description; a release whose chart files changed under the same version upgrades. */
    static final String DIGEST_MARK = "chart-digest=";

    private final HelmEngine helm;
    private final ApplyOptions options;
    private final Cancellation cancel;
    private final Progress progress;

    ReleaseApplier(HelmEngine helm, ApplyOptions options, Cancellation cancel, Progress progress) {
        this.helm = helm;
        this.options = options;
        this.cancel = cancel;
        this.progress = progress;
    }

    static ReleaseResult pending(ReleaseUnit u) {
        return new ReleaseResult(u.organization(), u.ref().namespace(), u.ref().name(), u.chart(), u.chartVersion(),
                Phase.PENDING, 0, Duration.ZERO, "", "");
    }

    ReleaseResult apply(ReleaseUnit u, Kubernetes kube) {
        long start = System.nanoTime();
        ReleaseResult r = pending(u);
        try {
            List<ReleaseRevision> history = helm.history(u.target(), u.ref());
            Optional<ReleaseRevision> latest = history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
            ReleaseContent live = null;
            String why;
            if (latest.isEmpty()) {
                why = "not installed";
            } else if (!"deployed".equals(latest.get().status())) {
                why = "its latest revision is " + latest.get().status();
            } else if (!u.chartNameVersion().equals(latest.get().chart())) {
                why = "chart " + latest.get().chart() + " -> " + u.chartNameVersion();
            } else if (!String.valueOf(latest.get().description()).contains(DIGEST_MARK + u.chartDigest())) {
                why = "the chart's files changed";
            } else {
                live = helm.get(u.target(), u.ref(), OptionalInt.of(latest.get().revision()));
                why = ValuesComparison.same(live.values(), u.valuesYaml()) ? null : "values changed";
            }
            if (options.dryRun()) return dryRun(u, r, latest, live, why, start);
            if (why == null) {
                // Unchanged: no new revision; still Ready? (a re-apply converges a release left not ready).
                return waitReady(u, kube, r, Phase.UNCHANGED, latest.get().revision(), live.manifest(), start, latest, false);
            }
            boolean install = latest.isEmpty();
            progress.update(r = r.with(install ? Phase.INSTALLING : Phase.UPGRADING, 0, since(start), why));
            ReleaseStatus s;
            try {
                s = helm.upgrade(new ReleaseRequest(u.ref(), u.chartDir(), Values.yaml(u.valuesYaml()), u.target()),
                        new UpgradeOptions(false, options.timeout(), false, false, "orca apply " + DIGEST_MARK + u.chartDigest()));
            } catch (HelmException e) {
                return failed(u, kube, r, firstLines(e.getMessage()), start, latest, install);
            }
            String manifest = helm.get(u.target(), u.ref(), OptionalInt.of(s.revision())).manifest();
            return waitReady(u, kube, r, install ? Phase.INSTALLED : Phase.UPGRADED, s.revision(), manifest, start, latest, install);
        } catch (HelmException | KubeException e) {
            ReleaseResult f = r.with(Phase.FAILED, r.revision(), since(start), firstLines(e.getMessage()));
            progress.update(f);
            return f;
        }
    }

    private ReleaseResult waitReady(ReleaseUnit u, Kubernetes kube, ReleaseResult r, Phase done, int revision, String manifest,
                                    long start, Optional<ReleaseRevision> previous, boolean install) {
        progress.update(r = r.with(Phase.WAITING, revision, since(start), ""));
        ReadinessWait.Result w = ReadinessWait.await(kube, u.ref().namespace(), u.ref().name(),
                ManifestObjects.workloads(manifest, u.ref().namespace()), options.timeout(), options.pollMillis(), cancel,
                done != Phase.UNCHANGED);
        if (w.ready()) {
            ReleaseResult ok = r.with(done, revision, since(start), done == Phase.UNCHANGED ? "no new revision" : "");
            progress.update(ok);
            return ok;
        }
        if (w.cancelled()) {
            ReleaseResult c = r.with(Phase.CANCELLED, revision, since(start), "revision " + revision + " applied, " + w.reason());
            progress.update(c);
            return c;
        }
        if (done == Phase.UNCHANGED) { // nothing of ours to roll back: it was already so
            ReleaseResult f = r.with(Phase.FAILED, revision, since(start), w.reason());
            progress.update(f);
            return f;
        }
        return failed(u, kube, r.with(r.phase(), revision, r.duration(), r.message()), w.reason(), start, previous, install);
    }

    /** A failed install or upgrade: with --atomic, restored to the previous revision (a first install removed). */
    private ReleaseResult failed(ReleaseUnit u, Kubernetes kube, ReleaseResult r, String reason, long start,
                                 Optional<ReleaseRevision> previous, boolean install) {
        if (!options.atomic()) {
            ReleaseResult f = r.with(Phase.FAILED, r.revision(), since(start), reason);
            progress.update(f);
            return f;
        }
        progress.update(r.with(Phase.ROLLING_BACK, r.revision(), since(start), reason));
        String restored;
        try {
            if (install || previous.isEmpty()) {
                helm.uninstall(u.target(), u.ref());
                restored = "removed (it was a first install)";
            } else {
                ReleaseStatus s = helm.rollback(u.target(), u.ref(), previous.get().revision(),
                        new UpgradeOptions(false, options.timeout(), false, false, "orca apply --atomic: rollback to "
                                + previous.get().revision() + " " + DIGEST_MARK + "restored"));
                restored = "rolled back to revision " + previous.get().revision() + " (now revision " + s.revision() + ")";
                // Restored means running again: the Pods the failed revision left stuck are replaced and waited for.
                String manifest = helm.get(u.target(), u.ref(), OptionalInt.of(s.revision())).manifest();
                ReadinessWait.Result w = ReadinessWait.await(kube, u.ref().namespace(), u.ref().name(),
                        ManifestObjects.workloads(manifest, u.ref().namespace()), options.timeout(), options.pollMillis(), cancel, true);
                restored += w.ready() ? ", Ready" : ", but " + w.reason();
            }
        } catch (HelmException | KubeException e) {
            ReleaseResult f = r.with(Phase.FAILED, r.revision(), since(start), reason + "; --atomic could not restore it: "
                    + firstLines(e.getMessage()));
            progress.update(f);
            return f;
        }
        ReleaseResult rb = r.with(Phase.ROLLED_BACK, r.revision(), since(start), reason + "; " + restored);
        progress.update(rb);
        return rb;
    }

    private ReleaseResult dryRun(ReleaseUnit u, ReleaseResult r, Optional<ReleaseRevision> latest, ReleaseContent live,
                                 String why, long start) {
        int rev = latest.map(ReleaseRevision::revision).orElse(0);
        if (why == null) return r.with(Phase.UNCHANGED, rev, since(start), "no change");
        if (live == null && latest.isPresent()) live = helm.get(u.target(), u.ref(), OptionalInt.of(rev));
        String rendered = helm.template(new TemplateRequest(u.ref(), u.chartDir(), Values.yaml(u.valuesYaml())));
        String where = u.ref().toString();
        String values = UnifiedDiff.of(where + " values (live)", live == null ? "" : canonical(live.values()),
                where + " values (planned)", canonical(u.valuesYaml()));
        String manifest = UnifiedDiff.of(where + " manifest (live)", live == null ? "" : live.manifest(),
                where + " manifest (planned)", rendered);
        return r.with(latest.isEmpty() ? Phase.WOULD_INSTALL : Phase.WOULD_UPGRADE, rev, since(start), why)
                .withDiff(values + manifest);
    }

    /** Values as sorted YAML, so that the diff shows changes, not Helm's key order. */
    private static String canonical(String yaml) {
        Object v = ValuesComparison.load(yaml);
        org.yaml.snakeyaml.DumperOptions o = new org.yaml.snakeyaml.DumperOptions();
        o.setDefaultFlowStyle(org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
        return new org.yaml.snakeyaml.Yaml(o).dump(sorted(v));
    }

    private static Object sorted(Object v) {
        if (v instanceof java.util.Map<?, ?> m) {
            java.util.Map<String, Object> out = new java.util.TreeMap<>();
            m.forEach((k, x) -> {
                if (x != null) out.put(String.valueOf(k), sorted(x));
            });
            return out;
        }
        if (v instanceof List<?> l) return l.stream().map(ReleaseApplier::sorted).toList();
        return v;
    }

    static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Helm's errors can be long: the first three lines carry the reason. */
    static String firstLines(String m) {
        if (m == null) return "";
        List<String> lines = m.strip().lines().limit(3).toList();
        return String.join("\n    ", lines);
    }
}
