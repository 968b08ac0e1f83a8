package io.orca.helm;

import io.orca.kube.KubeTarget;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.ReleaseHistory;
import com.marcnuri.helm.UpgradeCommand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * {@link HelmEngine} on helm-java 0.0.21 (Helm 3.21's Go engine in-process, through JNA). Where helm-java falls short
 * (docs/decisions/0011-helm-seam.md):
 * <ul>
 * <li>no kube-context option: a kubeconfig cut down to the context is written for the call ({@link KubeConfigs});</li>
 * <li>no rollback: an upgrade to the earlier revision's chart (found by {@link ChartSource}) and its values;</li>
 * <li>no {@code get manifest}: Helm's stored record read through {@link ReleaseRecords};</li>
 * <li>uninstall does not wait: the caller waits through the Kubernetes API.</li>
 * </ul>
 * Install and upgrade are separate helm-java calls chosen after a history look-up, because helm-java's
 * {@code upgrade --install} of a new release drops {@code atomic} and the kubeconfig contents.
 */
public final class HelmJavaEngine implements HelmEngine {
    private final ChartSource charts;
    private final ReleaseRecords records;

    /** For template only: rollback and get fail with a clear message. */
    public HelmJavaEngine() {
        this(ChartSource.NONE, ReleaseRecords.NONE);
    }

    public HelmJavaEngine(ChartSource charts, ReleaseRecords records) {
        this.charts = charts;
        this.records = records;
    }

    @Override
    public String template(TemplateRequest r) {
        return withValuesFile(r.values(), values -> call("template", r.release(), () ->
                new Helm(r.chart()).template().withName(r.release().name()).withNamespace(r.release().namespace())
                        .withValuesFile(values).call()));
    }

    @Override
    public ReleaseStatus upgrade(ReleaseRequest r, UpgradeOptions o) {
        boolean exists = !history(r.target(), r.release()).isEmpty();
        try (KubeConfigs.Scoped kube = KubeConfigs.forContext(r.target())) {
            return withValuesFile(r.values(), values -> toStatus(call(exists ? "upgrade" : "install", r.release(), () ->
                    exists ? upgradeCommand(r, o, kube.file(), values).call() : installCommand(r, o, kube.file(), values).call())));
        }
    }

    private static InstallCommand installCommand(ReleaseRequest r, UpgradeOptions o, Path kubeconfig, Path values) {
        InstallCommand c = new Helm(r.chart()).install().withName(r.release().name()).withNamespace(r.release().namespace())
                .withValuesFile(values).withTimeout(o.timeoutSeconds());
        if (kubeconfig != null) c = c.withKubeConfig(kubeconfig);
        if (o.waitReady()) c = c.waitReady();
        if (o.atomic()) c = c.atomic();
        if (o.description() != null) c = c.withDescription(o.description());
        return c;
    }

    private static UpgradeCommand upgradeCommand(ReleaseRequest r, UpgradeOptions o, Path kubeconfig, Path values) {
        // resetValues: the values given are the whole truth; Helm would otherwise reuse the last ones when none are given.
        UpgradeCommand c = new Helm(r.chart()).upgrade().withName(r.release().name()).withNamespace(r.release().namespace())
                .withValuesFile(values).resetValues().withTimeout(o.timeoutSeconds());
        if (kubeconfig != null) c = c.withKubeConfig(kubeconfig);
        if (o.waitReady()) c = c.waitReady();
        if (o.atomic()) c = c.atomic();
        if (o.cleanupOnFail()) c = c.cleanupOnFail();
        if (o.description() != null) c = c.withDescription(o.description());
        return c;
    }

    @Override
    public ReleaseStatus rollback(KubeTarget target, ReleaseRef release, int revision, UpgradeOptions options) {
        List<ReleaseRevision> history = history(target, release);
        if (history.isEmpty()) throw new HelmException("rollback " + release + ": no such release");
        ReleaseRevision to = history.stream().filter(h -> h.revision() == revision).findFirst().orElseThrow(() ->
                new HelmException("rollback " + release + ": no revision " + revision + " (it has "
                        + history.stream().map(h -> String.valueOf(h.revision())).toList() + ")"));
        Path chart = charts.find(to.chart()).orElseThrow(() -> new HelmException("rollback " + release + " to revision "
                + revision + ": its chart " + to.chart() + " is not available here (only Orca's bundled charts are)"));
        String values = getValues(target, release, OptionalInt.of(revision));
        String description = options.description() != null ? options.description() : "Rollback to " + revision;
        return upgrade(new ReleaseRequest(release, chart, Values.yaml(values), target), options.withDescription(description));
    }

    @Override
    public boolean uninstall(KubeTarget target, ReleaseRef release) {
        try (KubeConfigs.Scoped kube = KubeConfigs.forContext(target)) {
            call("uninstall", release, true, () -> {
                var c = Helm.uninstall(release.name()).withNamespace(release.namespace());
                if (kube.file() != null) c = c.withKubeConfig(kube.file());
                return c.call();
            });
            return true;
        } catch (NotFound e) {
            return false;
        }
    }

    @Override
    public Optional<ReleaseStatus> status(KubeTarget target, ReleaseRef release) {
        try (KubeConfigs.Scoped kube = KubeConfigs.forContext(target)) {
            return Optional.of(toStatus(call("status", release, true, () -> {
                var c = Helm.status(release.name()).withNamespace(release.namespace());
                if (kube.file() != null) c = c.withKubeConfig(kube.file());
                return c.call();
            })));
        } catch (NotFound e) {
            return Optional.empty();
        }
    }

    @Override
    public List<ReleaseRevision> history(KubeTarget target, ReleaseRef release) {
        try (KubeConfigs.Scoped kube = KubeConfigs.forContext(target)) {
            List<ReleaseHistory> h = call("history", release, true, () -> {
                var c = Helm.history(release.name()).withNamespace(release.namespace());
                if (kube.file() != null) c = c.withKubeConfig(kube.file());
                return c.call();
            });
            return h.stream().map(x -> new ReleaseRevision(x.getRevision(), instant(x.getUpdated()), x.getStatus(),
                    x.getChart(), x.getAppVersion(), x.getDescription()))
                    .sorted(Comparator.comparingInt(ReleaseRevision::revision)).toList();
        } catch (NotFound e) {
            return List.of();
        }
    }

    @Override
    public ReleaseContent get(KubeTarget target, ReleaseRef release, OptionalInt revision) {
        int rev = revision.isPresent() ? revision.getAsInt() : status(target, release)
                .orElseThrow(() -> new HelmException("get " + release + ": no such release")).revision();
        String values = getValues(target, release, OptionalInt.of(rev));
        String data = records.read(target, release, rev).orElseThrow(() ->
                new HelmException("get " + release + ": no record of revision " + rev));
        HelmReleaseRecord record = HelmReleaseRecord.decode(data);
        if (!record.name().equals(release.name()) || record.revision() != rev) {
            throw new HelmException("get " + release + ": the stored record is of " + record.name() + " revision " + record.revision());
        }
        return new ReleaseContent(rev, values, record.manifest());
    }

    private String getValues(KubeTarget target, ReleaseRef release, OptionalInt revision) {
        try (KubeConfigs.Scoped kube = KubeConfigs.forContext(target)) {
            return call("get values", release, true, () -> {
                var c = Helm.get(release.name()).values().withNamespace(release.namespace());
                if (revision.isPresent()) c = c.withRevision(revision.getAsInt());
                if (kube.file() != null) c = c.withKubeConfig(kube.file());
                return c.call();
            });
        } catch (NotFound e) {
            throw new HelmException("get values " + release + (revision.isPresent() ? " revision " + revision.getAsInt() : "")
                    + ": no such release or revision");
        }
    }

    @Override
    public List<ReleaseStatus> list(KubeTarget target, String namespace) {
        try (KubeConfigs.Scoped kube = KubeConfigs.forContext(target)) {
            List<Release> releases = call("list", new ReleaseRef("*", namespace == null ? "*" : namespace), () -> {
                var c = Helm.list().all();
                c = namespace == null ? c.allNamespaces() : c.withNamespace(namespace);
                if (kube.file() != null) c = c.withKubeConfig(kube.file());
                return c.call();
            });
            return releases.stream().map(HelmJavaEngine::toStatus)
                    .sorted(Comparator.comparing(ReleaseStatus::namespace).thenComparing(ReleaseStatus::name)).toList();
        }
    }

    private static ReleaseStatus toStatus(Release r) {
        int revision;
        try {
            revision = Integer.parseInt(r.getRevision().trim());
        } catch (RuntimeException e) {
            revision = 0;
        }
        return new ReleaseStatus(r.getName(), r.getNamespace(), revision, r.getStatus(), r.getChart(), r.getAppVersion(),
                instant(r.getLastDeployed()));
    }

    private static Instant instant(ZonedDateTime t) {
        return t == null ? null : t.toInstant();
    }

    /** Helm's "release: not found", as control flow inside this class. */
    private static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound() {
            super(null, null, false, false);
        }
    }

    private interface HelmCall<T> {
        T run() throws Exception;
    }

    private static <T> T call(String operation, ReleaseRef release, HelmCall<T> c) {
        return call(operation, release, false, c);
    }

    /** Runs a helm-java call; Helm's errors become HelmExceptions, or NotFound for "release: not found" when asked. */
    private static <T> T call(String operation, ReleaseRef release, boolean notFound, HelmCall<T> c) {
        try {
            return c.run();
        } catch (HelmException e) {
            throw e;
        } catch (Exception e) {
            String m = String.valueOf(e.getMessage()).strip();
            if (notFound && m.contains("release: not found")) throw new NotFound();
            throw new HelmException(operation + " " + release + ": " + m, e);
        }
    }

    /** Values go to Helm as a file in a private temporary folder (0700), deleted after the call. */
    private static <T> T withValuesFile(Values values, Function<Path, T> use) {
        Path dir = null;
        try {
            dir = PrivateTempFolders.create("orca-values");
            Path file = dir.resolve("values.yaml");
            Files.writeString(file, values.yaml(), StandardCharsets.UTF_8);
            return use.apply(file);
        } catch (IOException e) {
            throw new HelmException("cannot write a values file: " + e.getMessage(), e);
        } finally {
            if (dir != null) new KubeConfigs.Scoped(null, dir).close();
        }
    }
}
