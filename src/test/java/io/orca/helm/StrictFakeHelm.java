package io.orca.helm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * A strict fake of the Helm seam for unit tests: it answers only what the test scripted and fails on anything else.
 * <ul>
 * <li>Script an answer per call with {@code on...(...).returns(x)} or {@code .fails("reason")}; each scripted answer
 * answers exactly one call (script it twice for two calls), in the order scripted for the same call.</li>
 * <li>A call nobody scripted throws an {@link AssertionError} naming the call (e.g.
 * {@code unexpected Helm call: upgrade ns/r (chart besu-node)}), and is remembered: {@link #verify()} fails on it
 * even when the code under test swallowed the error.</li>
 * <li>{@link #verify()} also fails when a scripted answer was never used.</li>
 * <li>{@link #calls()} lists every call with its arguments, for assertions on what was asked.</li>
 * </ul>
 * Thread-safe: the use cases call Helm from a pool.
 */
public final class StrictFakeHelm implements HelmEngine {
    /** A recorded call: its key (what the script matches on) and its arguments. */
    public record Call(String key, List<Object> arguments) {
        @Override
        public String toString() {
            return key;
        }
    }

    private final Map<String, Deque<Function<Call, Object>>> script = new LinkedHashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final List<String> unexpected = new ArrayList<>();

    /** What a scripted call answers. */
    public final class Answer<T> {
        private final String key;

        private Answer(String key) {
            this.key = key;
        }

        public StrictFakeHelm returns(T value) {
            return add(key, c -> value);
        }

        /** The call throws a HelmException with this message, as the real engine does when Helm fails. */
        public StrictFakeHelm fails(String message) {
            return add(key, c -> {
                throw new HelmException(message);
            });
        }

        /** The answer computed from the call (e.g. echo the request); still one call. */
        public StrictFakeHelm answers(Function<Call, T> f) {
            return add(key, f::apply);
        }
    }

    private synchronized StrictFakeHelm add(String key, Function<Call, Object> answer) {
        script.computeIfAbsent(key, k -> new ArrayDeque<>()).add(answer);
        return this;
    }

    public Answer<String> onTemplate(ReleaseRef release) {
        return new Answer<>(templateKey(release));
    }

    public Answer<ReleaseStatus> onUpgrade(ReleaseRef release) {
        return new Answer<>(upgradeKey(release));
    }

    public Answer<ReleaseStatus> onRollback(ReleaseRef release, int revision) {
        return new Answer<>(rollbackKey(release, revision));
    }

    public Answer<Boolean> onUninstall(ReleaseRef release) {
        return new Answer<>("uninstall " + release);
    }

    public Answer<Optional<ReleaseStatus>> onStatus(ReleaseRef release) {
        return new Answer<>("status " + release);
    }

    public Answer<List<ReleaseRevision>> onHistory(ReleaseRef release) {
        return new Answer<>("history " + release);
    }

    public Answer<ReleaseContent> onGet(ReleaseRef release, OptionalInt revision) {
        return new Answer<>(getKey(release, revision));
    }

    /** {@code null} namespace: all namespaces. */
    public Answer<List<ReleaseStatus>> onList(String namespace) {
        return new Answer<>(listKey(namespace));
    }

    @Override
    public String template(TemplateRequest request) {
        return answer(templateKey(request.release()), request);
    }

    @Override
    public ReleaseStatus upgrade(ReleaseRequest request, UpgradeOptions options) {
        return answer(upgradeKey(request.release()), request, options);
    }

    @Override
    public ReleaseStatus rollback(KubeTarget target, ReleaseRef release, int revision, UpgradeOptions options) {
        return answer(rollbackKey(release, revision), target, release, revision, options);
    }

    @Override
    public boolean uninstall(KubeTarget target, ReleaseRef release) {
        Boolean b = answer("uninstall " + release, target, release);
        return b;
    }

    @Override
    public Optional<ReleaseStatus> status(KubeTarget target, ReleaseRef release) {
        return answer("status " + release, target, release);
    }

    @Override
    public List<ReleaseRevision> history(KubeTarget target, ReleaseRef release) {
        return answer("history " + release, target, release);
    }

    @Override
    public ReleaseContent get(KubeTarget target, ReleaseRef release, OptionalInt revision) {
        return answer(getKey(release, revision), target, release, revision);
    }

    @Override
    public List<ReleaseStatus> list(KubeTarget target, String namespace) {
        return answer(listKey(namespace), target, namespace);
    }

    /** Every call so far, in order. */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The keys of every call so far, in order (e.g. {@code [status ns/r, upgrade ns/r]}). */
    public synchronized List<String> callKeys() {
        return calls.stream().map(Call::key).toList();
    }

    /** Fails when an unexpected call happened or a scripted answer was never used. */
    public synchronized void verify() {
        List<String> problems = new ArrayList<>();
        for (String u : unexpected) problems.add("unexpected Helm call: " + u);
        script.forEach((key, answers) -> {
            if (!answers.isEmpty()) problems.add("scripted Helm call never made: " + key + (answers.size() > 1 ? " (x" + answers.size() + ")" : ""));
        });
        if (!problems.isEmpty()) throw new AssertionError(String.join("\n", problems) + "\ncalls made: " + callKeys());
    }

    @SuppressWarnings("unchecked")
    private <T> T answer(String key, Object... arguments) {
        Function<Call, Object> answer;
        Call call = new Call(key, Collections.unmodifiableList(java.util.Arrays.asList(arguments)));
        synchronized (this) {
            calls.add(call);
            Deque<Function<Call, Object>> answers = script.get(key);
            answer = answers == null ? null : answers.poll();
            if (answer == null) {
                String what = key + describe(arguments);
                unexpected.add(what);
                throw new AssertionError("unexpected Helm call: " + what + (answers == null ? "" : " (its scripted answers are used up)")
                        + "; scripted: " + script.keySet());
            }
        }
        return (T) answer.apply(call);
    }

    private static String describe(Object[] arguments) {
        for (Object a : arguments) {
            if (a instanceof TemplateRequest t) return " (chart " + t.chart().getFileName() + ")";
            if (a instanceof ReleaseRequest r) return " (chart " + r.chart().getFileName() + ", " + r.target() + ")";
        }
        return "";
    }

    private static String templateKey(ReleaseRef r) {
        return "template " + r;
    }

    private static String upgradeKey(ReleaseRef r) {
        return "upgrade " + r;
    }

    private static String rollbackKey(ReleaseRef r, int revision) {
        return "rollback " + r + " to " + revision;
    }

    private static String getKey(ReleaseRef r, OptionalInt revision) {
        return "get " + r + (revision.isPresent() ? " revision " + revision.getAsInt() : "");
    }

    private static String listKey(String namespace) {
        return "list " + (namespace == null ? "(all namespaces)" : namespace);
    }
}
