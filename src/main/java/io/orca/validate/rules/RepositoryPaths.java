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

    /** Why a path is not a safe repository-relative path, or null when it is. */
    public static String problem(String p) {
        if (p.isBlank()) return "is empty";
        if (p.startsWith("/") || p.matches("^[A-Za-z]:.*") || p.startsWith("~")) return "is absolute";
        if (p.contains("\\")) return "contains a backslash";
        int depth = 0;
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (--depth < 0) return "leaves the repository";
            } else {
                depth++;
            }
        }
        if (depth == 0) return "is the repository root; Orca would own the whole repository";
        if (p.equals(".git") || p.startsWith(".git/") || p.contains("/.git/") || p.endsWith("/.git")) return "is inside .git";
        return null;
    }
}
