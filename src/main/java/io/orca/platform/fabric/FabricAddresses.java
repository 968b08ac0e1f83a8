package io.orca.platform.fabric;

import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.load.YScalar;
import io.orca.validate.NetworkView;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

import java.util.List;

/**
 * ORCA-E053: every address Fabric dials is {@code host:port} with a TCP port — Bevel's docs say "must include port"
 * and its templates split the address at ':' — orderer URIs and addresses, peer, gossip and endorser addresses.
 */
public final class FabricAddresses implements SemanticRule {
    private static final List<String> PARTICIPANT = List.of("ordererAddress");
    private static final List<String> CHANNEL_PEER = List.of("gossipAddress", "peerAddress");
    private static final List<String> ENDORSER_PEER = List.of("corepeerAddress");
    private static final List<String> PEER_SERVICE = List.of("peerAddress", "gossippeeraddress");
    private static final List<String> ORDERER_SERVICE = List.of("ordererAddress");

    @Override
    public void check(RuleContext ctx) {
        NetworkView v = ctx.view();
        v.network().ifPresent(network -> {
            for (YMap orderer : NetworkView.maps(network.seq("orderers"))) check(ctx, orderer, List.of("uri"));
            for (YMap channel : NetworkView.maps(network.seq("channels"))) {
                for (YMap participant : NetworkView.maps(channel.seq("participants"))) {
                    check(ctx, participant, PARTICIPANT);
                    for (YMap peer : NetworkView.maps(participant.seq("peers"))) check(ctx, peer, CHANNEL_PEER);
                }
                for (YMap endorser : NetworkView.maps(channel.seq("endorsers"))) {
                    for (YMap peer : NetworkView.maps(endorser.seq("peers"))) check(ctx, peer, ENDORSER_PEER);
                }
            }
        });
        for (YMap org : v.organizations()) {
            for (NetworkView.ServiceNode s : v.services(org)) {
                if (s.group().equals("peers")) check(ctx, s.node(), PEER_SERVICE);
                if (s.group().equals("orderers")) check(ctx, s.node(), ORDERER_SERVICE);
            }
        }
    }

    private static void check(RuleContext ctx, YMap node, List<String> keys) {
        for (String key : keys) {
            node.scalar(key).filter(s -> !s.isNull() && s.value() instanceof String).ifPresent(a -> address(ctx, key, a));
        }
    }

    private static void address(RuleContext ctx, String key, YScalar a) {
        String text = a.asText();
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? text : text.substring(0, colon);
        if (colon < 0 || colon == text.length() - 1) {
            ctx.report(Rule.ADDRESS_WITHOUT_PORT, a, key + " '" + text + "' has no port",
                    "write host:port, e.g. " + host + ":443 through the proxy or " + host + ":7051 inside the cluster");
            return;
        }
        Integer port = port(text.substring(colon + 1));
        if (port == null || port < 1 || port > 65535) {
            ctx.report(Rule.ADDRESS_WITHOUT_PORT, a, key + " '" + text + "' has port " + text.substring(colon + 1)
                    + ", which is no TCP port", "a port is a number from 1 to 65535");
        }
    }

    private static Integer port(String s) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) return null;
        return Integer.parseInt(s);
    }
}
