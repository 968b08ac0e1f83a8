package io.orca.validate.rules;

import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.load.YNode;
import io.orca.load.YSeq;
import io.orca.model.Platforms;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ORCA-I001: a key of Bevel's vocabulary that the schema accepts but Orca does not use. For a platform Orca deploys,
 * each such key its descriptor lists ({@code unused_keys} in platforms/&lt;name&gt;/platform.yaml) is named once, at
 * its first place, with how many more there are; for a platform Orca only validates, one info at {@code network.type}
 * says that nothing of the file is deployed yet. One walk over the document against a set of paths: cheap enough
 * for every cold {@code orca validate} (the descriptor is read anyway, for versions and namespaces).
 */
public final class UnusedKeys implements SemanticRule {
    @Override
    public void check(RuleContext ctx) {
        YMap network = ctx.view().network().orElse(null);
        String platform = ctx.view().platform();
        if (network == null || !Platforms.ALL.contains(platform)) return;
        if (!Platforms.plannable(platform)) {
            ctx.reportKey(Rule.KEY_NOT_USED, network, "type", "Orca validates " + platform
                            + " networks but does not deploy them yet: the keys of this file are checked, not used",
                    "docs/platforms.md lists the platforms Orca deploys");
            return;
        }
        Map<String, String> unused = Platforms.unusedKeys(platform);
        if (unused.isEmpty()) return;
        Map<String, Found> found = new LinkedHashMap<>();
        walk(network, "", unused, found);
        for (Map.Entry<String, Found> e : found.entrySet()) {
            Found f = e.getValue();
            String reason = unused.get(e.getKey());
            String more = f.count > 1 ? "also at " + (f.count - 1) + " more place" + (f.count > 2 ? "s" : "") : "";
            // At the key (its value may be a whole section starting on the next line).
            ctx.report(Rule.KEY_NOT_USED, f.map.keyPosition(f.key), f.map.get(f.key).path(), "'" + f.key
                    + "' is Bevel's, accepted but not used by Orca" + (reason.isEmpty() ? "" : ": " + reason), more);
        }
    }

    /** The first place a key was found and how often. */
    private static final class Found {
        final YMap map;
        final String key;
        int count;

        Found(YMap map, String key) {
            this.map = map;
            this.key = key;
        }
    }

    private static void walk(YNode node, String path, Map<String, String> unused, Map<String, Found> found) {
        if (node instanceof YMap m) {
            for (YMap.Entry e : m.all()) {
                String p = path.isEmpty() ? e.key() : path + "." + e.key();
                if (unused.containsKey(p)) {
                    found.computeIfAbsent(p, k -> new Found(m, e.key())).count++;
                } else {
                    walk(e.value(), p, unused, found);
                }
            }
        } else if (node instanceof YSeq s) {
            for (YNode item : s.items()) walk(item, path + "[]", unused, found);
        }
    }
}
