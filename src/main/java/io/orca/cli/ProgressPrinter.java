package io.orca.cli;

import io.orca.apply.Phase;
import io.orca.apply.Progress;
import io.orca.apply.ReleaseResult;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/** Prints each release's phase as it changes (one line each, on stderr), and notes about organizations. */
final class ProgressPrinter implements Progress {
    private final PrintWriter out;
    private final Map<String, Phase> last = new HashMap<>();

    ProgressPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void update(ReleaseResult r) {
        if (last.get(r.key()) == r.phase() || r.phase() == Phase.PENDING) return;
        last.put(r.key(), r.phase());
        String message = r.message() == null || r.message().isBlank() ? ""
                : " (" + r.message().lines().findFirst().orElse("") + ")";
        out.println("orca: " + r.key() + ": " + r.phase().word()
                + (r.phase().done() ? " in " + Summaries.duration(r.duration()) : "") + message);
        out.flush();
    }

    @Override
    public synchronized void note(String organization, String message) {
        out.println("orca: " + organization + ": " + message);
        out.flush();
    }
}
