package io.orca.docs;

import java.util.List;

/** A console block's shown output against what the command printed: line by line, "..." for any lines. */
final class Expected {
    private Expected() {
    }

    /** Null when {@code actual} matches {@code expected}, else what differs first. */
    static String mismatch(List<String> expected, List<String> actual) {
        if (matches(expected, 0, actual, 0)) return null;
        int common = 0;
        while (common < expected.size() && common < actual.size() && !expected.get(common).equals("...")
                && expected.get(common).equals(actual.get(common))) common++;
        if (common < expected.size() && !expected.get(common).equals("...")) {
            return "line " + (common + 1) + " of the output is "
                    + (common < actual.size() ? "'" + actual.get(common) + "'" : "missing") + ", the doc shows '"
                    + expected.get(common) + "'";
        }
        return "the output does not have the lines the doc shows (" + expected.size() + " lines, '...' for any)";
    }

    private static boolean matches(List<String> e, int i, List<String> a, int j) {
        if (i == e.size()) return j == a.size();
        if (e.get(i).equals("...")) {
            for (int k = j; k <= a.size(); k++) if (matches(e, i + 1, a, k)) return true;
            return false;
        }
        return j < a.size() && e.get(i).equals(a.get(j)) && matches(e, i + 1, a, j + 1);
    }
}
