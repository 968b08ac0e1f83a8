package io.orca.validate;

import io.orca.diag.Diagnostic;
import io.orca.diag.Position;
import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.load.YNode;

import java.util.ArrayList;
import java.util.List;

/** What a semantic rule sees (the document and a view of it) and where it reports. */
public final class RuleContext {
    private final String file;
    private final NetworkView view;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private PlatformRules platform;

    public RuleContext(String file, YMap root) {
        this.file = file;
        this.view = new NetworkView(root);
    }

    public NetworkView view() {
        return view;
    }

    /** The plug-in of the document's platform (generic when it has none). */
    public PlatformRules platform() {
        if (platform == null) platform = PlatformRules.of(view.platform());
        return platform;
    }

    public void report(Rule rule, YNode node, String message, String hint) {
        diagnostics.add(rule.at(file, node.position(), node.path(), message, hint));
    }

    public void report(Rule rule, Position position, String path, String message, String hint) {
        diagnostics.add(rule.at(file, position, path, message, hint));
    }

    /** Reports against a key of a mapping: positioned at the key, with the path of its value. */
    public void reportKey(Rule rule, YMap map, String key, String message, String hint) {
        YNode value = map.get(key);
        String path = value != null ? value.path() : (map.path().isEmpty() ? key : map.path() + "." + key);
        diagnostics.add(rule.at(file, value != null ? value.position() : map.keyPosition(key), path, message, hint));
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
