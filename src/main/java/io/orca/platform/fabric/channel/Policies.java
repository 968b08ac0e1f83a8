package io.orca.platform.fabric.channel;

import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

import java.util.ArrayList;
import java.util.List;

/** {@link Policy} to Fabric's protobufs, as configtxgen encodes them. */
final class Policies {
    private Policies() {
    }

    static org.hyperledger.fabric.protos.common.Policy toProto(Policy p) {
        if (p instanceof Policy.ImplicitMeta m) {
            return org.hyperledger.fabric.protos.common.Policy.newBuilder()
                    .setType(org.hyperledger.fabric.protos.common.Policy.PolicyType.IMPLICIT_META_VALUE)
                    .setValue(GenesisBlock.serialize(ImplicitMetaPolicy.newBuilder().setSubPolicy(m.subPolicy())
                            .setRule(ImplicitMetaPolicy.Rule.forNumber(m.rule().ordinal())).build())).build();
        }
        // Every principal occurrence adds an identity, in order; repeats are not merged (configtxgen's way).
        List<MSPPrincipal> identities = new ArrayList<>();
        SignaturePolicy rule = rule(((Policy.Signature) p).rule(), identities);
        return org.hyperledger.fabric.protos.common.Policy.newBuilder()
                .setType(org.hyperledger.fabric.protos.common.Policy.PolicyType.SIGNATURE_VALUE)
                .setValue(GenesisBlock.serialize(SignaturePolicyEnvelope.newBuilder().setVersion(0).setRule(rule)
                        .addAllIdentities(identities).build())).build();
    }

    private static SignaturePolicy rule(Policy.Rule r, List<MSPPrincipal> identities) {
        if (r instanceof Policy.SignedBy by) {
            identities.add(MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                    .setPrincipal(GenesisBlock.serialize(MSPRole.newBuilder().setMspIdentifier(by.mspId())
                            .setRole(MSPRole.MSPRoleType.forNumber(by.role().ordinal())).build())).build());
            return SignaturePolicy.newBuilder().setSignedBy(identities.size() - 1).build();
        }
        Policy.OutOf o = (Policy.OutOf) r;
        SignaturePolicy.NOutOf.Builder n = SignaturePolicy.NOutOf.newBuilder().setN(o.n());
        for (Policy.Rule sub : o.rules()) n.addRules(rule(sub, identities));
        return SignaturePolicy.newBuilder().setNOutOf(n).build();
    }
}
