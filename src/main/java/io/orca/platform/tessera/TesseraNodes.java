package io.orca.platform.tessera;

import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.load.YScalar;
import io.orca.model.Names;
import io.orca.validate.NetworkView;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * ORCA-E024 and ORCA-W004 for {@code config.tm_nodes}: each names a member node. A tm_node whose host names no
 * member node of this file may be an existing node outside it (a warning); one without a host is an error.
 */
public final class TesseraNodes implements SemanticRule {
    @Override
    public void check(RuleContext ctx) {
        NetworkView v = ctx.view();
        YMap config = v.network().flatMap(n -> n.map("config")).orElse(null);
        if (config == null) return;
        Set<String> members = new HashSet<>();
        for (YMap org : v.organizations()) {
            for (NetworkView.ServiceNode s : v.services(org)) {
                if (s.group().equals("peers")) {
                    s.name().ifPresent(n -> {
                        members.add(n.asText());
                        org.text("name").ifPresent(o -> members.add(Names.release(o, n.asText())));
                    });
                }
            }
        }
        config.seq("tm_nodes").ifPresent(list -> list.items().forEach(item -> {
            if (!(item instanceof YScalar s) || s.isNull()) return;
            String host = host(s.asText());
            if (host == null) {
                ctx.report(Rule.UNRESOLVED_REFERENCE, s, "tm_node '" + s.asText() + "' is not a URL with a host",
                        "write https://<member-node-host>:<port>");
                return;
            }
            String first = host.split("\\.")[0];
            String node = first.endsWith(Tessera.RELEASE_SUFFIX) ? first.substring(0, first.length() - Tessera.RELEASE_SUFFIX.length()) : first;
            if (!members.contains(node)) {
                ctx.report(Rule.UNRESOLVED_EXTERNAL, s, "tm_node '" + s.asText() + "' names no member node of this file",
                        members.isEmpty() ? "fine if it is an existing node of the network; otherwise define it"
                                : "members here: " + String.join(", ", sorted(members)) + "; fine if it is an existing node");
            }
        }));
    }

    private static String host(String url) {
        try {
            String h = URI.create(url.trim()).getHost();
            return h == null ? null : h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
