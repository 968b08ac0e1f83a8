package io.orca.platform.fabric;

import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.load.YScalar;
import io.orca.validate.NetworkView;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

/**
 * ORCA-W051, when planning: a chaincode that is not {@code external_chaincode: true} is built from its source by the
 * peer, which needs a Docker daemon Kubernetes no longer offers and a Job that downloads the source. Orca deploys
 * chaincode as a service only; it plans the rest of the network and leaves this chaincode out, saying so.
 */
public final class SourceChaincodes implements SemanticRule {
    @Override
    public void check(RuleContext ctx) {
        for (YMap org : ctx.view().organizations()) {
            for (NetworkView.ServiceNode s : ctx.view().services(org)) {
                if (!s.group().equals("peers")) continue;
                for (YMap cc : NetworkView.maps(s.node().seq("chaincodes"))) {
                    boolean external = cc.scalar("external_chaincode").filter(e -> Boolean.TRUE.equals(e.value())).isPresent();
                    YScalar name = cc.scalar("name").orElse(null);
                    if (external || name == null) continue;
                    ctx.report(Rule.CHAINCODE_NOT_DEPLOYED, name, "chaincode '" + name.asText() + "' of " + org.text("name").orElse("?")
                                    + "/" + s.name().map(YScalar::asText).orElse("?") + " is built from source, which Orca does not deploy",
                            "Orca runs chaincode as a service: build its image and set external_chaincode: true and image: <image:tag>");
                }
            }
        }
    }
}
