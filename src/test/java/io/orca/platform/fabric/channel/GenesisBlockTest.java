package io.orca.platform.fabric.channel;

import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenesisBlockTest {
    static ChannelSpec reference() {
        return Configtx.read(GenesisBlockReferenceTest.REFERENCE.resolve("anchor-and-policies/configtx.yaml"), "AnchorAndPolicies", "allchannel");
    }

    @Test
    void mapInsertionOrderDoesNotChangeTheBytes() {
        ChannelSpec s = reference();
        ChannelSpec.Application a = s.application();
        ChannelSpec reordered = new ChannelSpec(s.channelId(), s.timestamp(), reversed(s.policies()), s.capabilities(), s.orderer(),
                new ChannelSpec.Application(a.organizations(), reversed(a.policies()), a.capabilities(), reversed(a.acls())));
        assertArrayEquals(GenesisBlock.bytes(s), GenesisBlock.bytes(reordered));
    }

    @Test
    void theComparisonSeesEveryChange() throws Exception {
        ChannelSpec s = reference();
        Object tree = tree(s);
        ChannelSpec.Orderer o = s.orderer();
        List<ChannelSpec.Consenter> swapped = new ArrayList<>(o.consenters());
        Collections.swap(swapped, 0, 1);
        ChannelSpec consentersSwapped = new ChannelSpec(s.channelId(), s.timestamp(), s.policies(), s.capabilities(),
                new ChannelSpec.Orderer(o.batchTimeout(), o.batchSize(), o.raft(), swapped, o.organizations(), o.policies(), o.capabilities()),
                s.application());
        assertNotEquals(tree, tree(consentersSwapped), "consenters are ordered");
        ChannelSpec.Organization org2 = s.application().organizations().get(1);
        ChannelSpec.Organization moved = new ChannelSpec.Organization(org2.name(), org2.mspId(), org2.msp(), org2.policies(),
                List.of(new ChannelSpec.HostPort("peer0.org2-net", 7052)), org2.ordererEndpoints());
        ChannelSpec anchorChanged = new ChannelSpec(s.channelId(), s.timestamp(), s.policies(), s.capabilities(), o,
                new ChannelSpec.Application(List.of(s.application().organizations().get(0), moved), s.application().policies(),
                        s.application().capabilities(), s.application().acls()));
        assertNotEquals(tree, tree(anchorChanged));
        Map<String, Policy> policies = new LinkedHashMap<>(s.policies());
        policies.put("Admins", Policy.signature("OutOf(3, 'ordererorgMSP.admin', 'org1MSP.admin', 'org2MSP.admin')"));
        assertNotEquals(tree, tree(new ChannelSpec(s.channelId(), s.timestamp(), policies, s.capabilities(), o, s.application())));
    }

    @Test
    void theTimestampIsInput() throws Exception {
        ChannelSpec s = reference();
        Instant t = Instant.parse("2030-05-06T07:08:09Z");
        ChannelSpec later = new ChannelSpec(s.channelId(), t, s.policies(), s.capabilities(), s.orderer(), s.application());
        Block b = Block.parseFrom(GenesisBlock.bytes(later));
        assertEquals(t.getEpochSecond(), GenesisBlockReferenceTest.channelHeader(b).getTimestamp().getSeconds());
        assertEquals(ConfigTree.of(GenesisBlock.config(s)), ConfigTree.of(GenesisBlock.config(later)));
    }

    @Test
    void policyLanguage() {
        Policy p = Policy.signature("OR(AND('a.peer', 'b.peer'), OutOf(1, \"c.admin\"))");
        assertEquals(new Policy.Signature(new Policy.OutOf(1, List.of(
                new Policy.OutOf(2, List.of(new Policy.SignedBy("a", Policy.Role.PEER), new Policy.SignedBy("b", Policy.Role.PEER))),
                new Policy.OutOf(1, List.of(new Policy.SignedBy("c", Policy.Role.ADMIN)))))), p);
        assertEquals(new Policy.ImplicitMeta(Policy.MetaRule.MAJORITY, "Admins"), Policy.implicitMeta("MAJORITY Admins"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Policy.signature("OR('a.boss')"));
        assertTrue(e.getMessage().contains("unknown role 'boss'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Policy.signature("XOR('a.peer')"));
        assertTrue(e.getMessage().contains("column 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Policy.signature("OR('a.peer'"));
        assertThrows(IllegalArgumentException.class, () -> Policy.of("Custom", "x"));
    }

    private static Object tree(ChannelSpec s) {
        return ConfigTree.of(GenesisBlock.config(s));
    }

    private static <V> Map<String, V> reversed(Map<String, V> m) {
        List<String> keys = new ArrayList<>(m.keySet());
        Collections.reverse(keys);
        Map<String, V> out = new LinkedHashMap<>();
        keys.forEach(k -> out.put(k, m.get(k)));
        return out;
    }
}
