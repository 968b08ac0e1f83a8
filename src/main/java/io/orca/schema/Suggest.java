package io.orca.schema;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" suggestions by edit distance, as compilers make them. */
public final class Suggest {
    private Suggest() {
    }

    /** The closest candidate within a distance that suggests a typo, or null. */
    public static String closest(String word, Collection<String> candidates) {
        if (word == null || word.isEmpty()) return null;
        String w = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int limit = Math.max(1, Math.min(3, word.length() / 3));
        for (String c : candidates) {
            // The distance is at least the difference in length: skip candidates that cannot be within the limit
            // (a huge unknown key would otherwise cost length x candidate-length per candidate).
            String lc = c.toLowerCase(Locale.ROOT);
            if (Math.abs(lc.length() - w.length()) > limit) continue;
            int d = distance(w, lc);
            if (d < bestDistance || (d == bestDistance && best != null && c.compareTo(best) < 0)) {
                best = c;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= limit ? best : null;
    }

    /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
