package io.orca.platform.fabric;

import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.load.YNode;
import io.orca.load.YScalar;
import io.orca.validate.NetworkView;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ORCA-E052: chaincode names and versions as Fabric's lifecycle accepts them, sequences from 1, and one definition
 * per chaincode name: every organization approves the same name, version, sequence and endorsement policy, or the
 * definition never gathers the approvals it needs to be committed.
 */
public final class FabricChaincodes implements SemanticRule {
    /** Fabric's core/chaincode/lifecycle ChaincodeNameRegExp and ChaincodeVersionRegExp. */
    /** Words of letters and digits joined by single '-' or '_'; one character class, checked by hand (no backtracking). */
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]+");
    static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.+-]+");

    /** The first definition seen of a chaincode name. */
    private record Definition(String where, YScalar version, YScalar sequence, String endorsements) {
    }

    @Override
    public void check(RuleContext ctx) {
        NetworkView v = ctx.view();
        Map<String, Definition> definitions = new HashMap<>();
        for (YMap org : v.organizations()) {
            String orgName = org.text("name").orElse("?");
            for (NetworkView.ServiceNode s : v.services(org)) {
                if (!s.group().equals("peers")) continue;
                String where = orgName + "/" + s.name().map(YScalar::asText).orElse("?");
                for (YMap cc : NetworkView.maps(s.node().seq("chaincodes"))) check(ctx, cc, where, definitions);
            }
        }
        v.network().ifPresent(network -> {
            for (YMap channel : NetworkView.maps(network.seq("channels"))) {
                channel.seq("chaincodes").ifPresent(list -> {
                    for (YNode item : list.items()) {
                        if (item instanceof YScalar name && !name.isNull()) name(ctx, name);
                    }
                });
            }
        });
    }

    private static void check(RuleContext ctx, YMap cc, String where, Map<String, Definition> definitions) {
        YScalar name = cc.scalar("name").filter(s -> !s.isNull()).orElse(null);
        if (name == null || !name(ctx, name)) return;
        YScalar version = cc.scalar("version").filter(s -> !s.isNull()).orElse(null);
        if (version != null && !VERSION.matcher(version.asText()).matches()) {
            ctx.report(Rule.INVALID_CHAINCODE, version, "chaincode version '" + version.asText() + "' is not one Fabric accepts",
                    "a version holds only letters, digits and '_', '.', '+', '-'");
            version = null;
        }
        YScalar sequence = cc.scalar("sequence").filter(s -> !s.isNull()).orElse(null);
        if (sequence != null && !positive(sequence.asText())) {
            ctx.report(Rule.INVALID_CHAINCODE, sequence, "chaincode sequence '" + sequence.asText() + "' is not a whole number from 1",
                    "the first definition of a chaincode has sequence 1; each upgrade adds one");
            sequence = null;
        }
        if (cc.scalar("external_chaincode").filter(s -> Boolean.TRUE.equals(s.value())).isPresent()) image(ctx, cc, name);
        String endorsements = cc.text("endorsements").orElse("");
        Definition first = definitions.putIfAbsent(name.asText(), new Definition(where, version, sequence, endorsements));
        if (first == null) return;
        differs(ctx, name.asText(), "version", version, first.version(), first.where());
        differs(ctx, name.asText(), "sequence", sequence, first.sequence(), first.where());
        if (!endorsements.equals(first.endorsements())) {
            YNode at = cc.get("endorsements") != null ? cc.get("endorsements") : name;
            ctx.report(Rule.INVALID_CHAINCODE, at, "chaincode '" + name.asText() + "' has another endorsement policy than on "
                    + first.where(), "every organization approves one definition: use the same endorsements everywhere");
        }
    }

    /** A chaincode run as a service needs its server's image, pinned: a tag other than latest. */
    private static void image(RuleContext ctx, YMap cc, YScalar name) {
        YScalar image = cc.scalar("image").filter(s -> !s.isNull() && !s.asText().isBlank()).orElse(null);
        if (image == null) {
            ctx.report(Rule.INVALID_CHAINCODE, name, "chaincode '" + name.asText() + "' runs as a service but names no image",
                    "add image: <registry>/<repository>:<tag>, the chaincode server's image");
            return;
        }
        String text = image.asText();
        int slash = text.lastIndexOf('/');
        int colon = text.lastIndexOf(':');
        String tag = colon > slash ? text.substring(colon + 1) : "";
        if (tag.isEmpty() || tag.equals("latest")) {
            ctx.report(Rule.INVALID_CHAINCODE, image, "chaincode image '" + text + "' is not pinned to a version",
                    "give the image a tag other than latest (or a digest), so that every organization runs the same code");
        }
    }

    private static void differs(RuleContext ctx, String name, String what, YScalar here, YScalar first, String firstWhere) {
        if (here == null || first == null || here.asText().equals(first.asText())) return;
        ctx.report(Rule.INVALID_CHAINCODE, here, "chaincode '" + name + "' is " + what + " " + here.asText() + " here but "
                        + first.asText() + " on " + firstWhere + " (line " + first.position().line() + ")",
                "every organization approves one definition: use the same " + what + " on every peer");
    }

    private static boolean name(RuleContext ctx, YScalar name) {
        if (validName(name.asText())) return true;
        ctx.report(Rule.INVALID_CHAINCODE, name, "chaincode name '" + name.asText() + "' is not one Fabric accepts",
                "letters and digits, in words joined by single '-' or '_' (e.g. asset-transfer)");
        return false;
    }

    private static boolean positive(String s) {
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(Character::isDigit)) return false;
        return Long.parseLong(s) >= 1;
    }

    /** Fabric's chaincode name rule {@code [a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*}, in one linear pass. */
    static boolean validName(String n) {
        if (!NAME.matcher(n).matches()) return false;
        char first = n.charAt(0), last = n.charAt(n.length() - 1);
        if (first == '-' || first == '_' || last == '-' || last == '_') return false;
        for (int i = 1; i < n.length(); i++) {
            boolean sep = n.charAt(i) == '-' || n.charAt(i) == '_';
            boolean prevSep = n.charAt(i - 1) == '-' || n.charAt(i - 1) == '_';
            if (sep && prevSep) return false;
        }
        return true;
    }
}
