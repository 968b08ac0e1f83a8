package io.orca.validate.rules;

import io.orca.diag.Rule;
import io.orca.load.YScalar;
import io.orca.model.Platforms;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

import java.util.List;
import java.util.Optional;

/** ORCA-E028 and ORCA-W003: the platform version is one Orca supports, and is written as a string. */
public final class Versions implements SemanticRule {
    @Override
    public void check(RuleContext ctx) {
        Optional<YScalar> version = ctx.view().network().flatMap(n -> n.scalar("version"));
        if (version.isEmpty()) return;
        YScalar v = version.get();
        if (!(v.value() instanceof String)) {
            ctx.report(Rule.UNQUOTED_VERSION, v, "version " + v.text() + " is written as a number",
                    "quote it: version: \"" + v.text() + "\" (as a number, 4.10 would read as 4.1)");
        }
        String platform = ctx.view().platform();
        List<String> supported = Platforms.supportedVersions(platform);
        if (!supported.isEmpty() && !supported.contains(v.asText())) {
            ctx.report(Rule.UNSUPPORTED_VERSION, v, platform + " version '" + v.asText() + "' is not supported",
                    "supported " + platform + " versions: " + String.join(", ", supported));
        }
    }
}
