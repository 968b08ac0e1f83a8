package io.orca.apply;

import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A unified diff of two texts (JGit's histogram diff), with {@code ---}/{@code +++} headers; empty when equal. */
final class UnifiedDiff {
    private UnifiedDiff() {
    }

    static String of(String fromName, String from, String toName, String to) {
        if (from.equals(to)) return "";
        RawText a = new RawText(from.getBytes(StandardCharsets.UTF_8));
        RawText b = new RawText(to.getBytes(StandardCharsets.UTF_8));
        EditList edits = new HistogramDiff().diff(RawTextComparator.DEFAULT, a, b);
        if (edits.isEmpty()) return "";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter f = new DiffFormatter(out)) {
            f.setContext(3);
            out.write(("--- " + fromName + "\n+++ " + toName + "\n").getBytes(StandardCharsets.UTF_8));
            f.format(edits, a, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
