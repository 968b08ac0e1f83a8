package io.orca.validate.rules;

import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.load.YScalar;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

import java.util.List;

/** ORCA-E026: release_dir and chart_source are relative paths that stay inside the GitOps repository. */
public final class RepositoryPaths implements SemanticRule {
    @Override
    public void check(RuleContext ctx) {
        for (YMap org : ctx.view().organizations()) {
            org.map("gitops").ifPresent(g -> {
                for (String key : List.of("release_dir", "chart_source")) {
                    g.scalar(key).ifPresent(v -> check(ctx, key, v));
                }
            });
        }
    }

    private static void check(RuleContext ctx, String key, YScalar v) {
        String p = v.asText();
        String problem = problem(p);
        if (problem != null) {
            ctx.report(Rule.PATH_ESCAPES_REPOSITORY, v, key + " '" + p + "' " + problem,
                    "write a path relative to the repository root, e.g. 'releases/dev'");
        }
    }

    /**
     * Why a path is not a safe repository-relative path, or null when it is. A leading "./" and trailing '/' are
     * allowed (ModelBinder drops them); inside, every segment is a plain name: no empty, '.' or '..' segment (Orca
     * writes, compares and prunes paths as written, so {@code releases/dev/..} would be a second name for
     * {@code releases}), and none that Git or a case-insensitive file system takes for {@code .git}.
     */
    public static String problem(String p) {
        if (p.isBlank()) return "is empty";
        if (p.startsWith("/") || p.matches("^[A-Za-z]:.*") || p.startsWith("~")) return "is absolute";
        if (p.contains("\\")) return "contains a backslash";
        String s = p;
        while (s.startsWith("./")) s = s.substring(2);
        while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
        if (s.isEmpty() || s.equals(".")) return "is the repository root; Orca would own the whole repository";
        int depth = 0;
        String why = null;
        for (String part : s.split("/", -1)) {
            if (part.equals("..")) {
                if (--depth < 0) return "leaves the repository";
                if (why == null) why = "has a '..' segment; write the folder it means, without '..'";
            } else if (part.isEmpty()) {
                if (why == null) why = "has an empty segment ('//')";
            } else if (part.equals(".")) {
                if (why == null) why = "has a '.' segment; write the folder without it";
            } else {
                depth++;
                if (isGitName(part)) return "is inside .git (a segment Git or the file system reads as '.git')";
            }
        }
        if (depth == 0) return "is the repository root; Orca would own the whole repository";
        return why;
    }

    /**
     * Whether a path segment names Git's own folder somewhere: {@code .git} in any case, with trailing dots or
     * spaces (Windows drops them), with characters HFS+ ignores, or as its NTFS short name {@code git~1}.
     */
    static boolean isGitName(String segment) {
        StringBuilder b = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            boolean ignorable = (c >= '\u200B' && c <= '\u200F') || (c >= '\u202A' && c <= '\u202E')
                    || (c >= '\u2060' && c <= '\u206F') || c == '\uFEFF';
            if (!ignorable) b.append(c);
        }
        int end = b.length();
        while (end > 0 && (b.charAt(end - 1) == ' ' || b.charAt(end - 1) == '.')) end--;
        String name = b.substring(0, end).toLowerCase(java.util.Locale.ROOT);
        return name.equals(".git") || name.equals("git~1");
    }
}
