package io.orca.platform.quorum;

import com.fasterxml.jackson.databind.JsonNode;
import io.orca.platform.besu.material.Consensus;
import io.orca.platform.besu.material.ExtraData;
import io.orca.platform.ethereum.Address;
import io.orca.platform.ethereum.BftExtraData;
import io.orca.platform.ethereum.CanonicalJson;
import io.orca.platform.ethereum.Hex;
import io.orca.platform.ethereum.NodeKey;
import io.orca.platform.quorum.QuorumGenesis.Spec;
import io.orca.render.Generated;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GoQuorum's genesis.json for raft, IBFT (istanbul) and QBFT: its shape, its extraData, its stability. */
class QuorumGenesisTest {
    private static List<Address> addresses(int n, long seed) {
        var random = Generated.seeded(seed);
        List<Address> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(NodeKey.generate(random).address());
        return out;
    }

    @Test
    void raftHasNoConsensusSectionAndZeroExtraData() {
        String json = QuorumGenesis.toJson(new Spec(QuorumGenesis.Consensus.RAFT, 10, List.of(), List.of(), 5));
        JsonNode g = CanonicalJson.read(json);
        assertTrue(g.at("/config/isQuorum").asBoolean());
        assertEquals(10, g.at("/config/chainId").asLong());
        assertFalse(g.path("config").has("istanbul") || g.path("config").has("qbft"));
        assertEquals("0x" + "0".repeat(64), g.path("extraData").asText());
        assertEquals("0x0", g.path("difficulty").asText());
        assertEquals(QuorumGenesis.ZERO_HASH, g.path("mixHash").asText());
        assertEquals(QuorumGenesis.Consensus.RAFT, QuorumGenesis.read(json).consensus());
    }

    @Test
    void ibftWritesTheIstanbulSectionAndExtraDataWithTheValidatorsSorted() {
        List<Address> validators = addresses(4, 3);
        String json = QuorumGenesis.toJson(new Spec(QuorumGenesis.Consensus.IBFT, 1337, validators, List.of(), 5));
        JsonNode g = CanonicalJson.read(json);
        assertEquals(30000, g.at("/config/istanbul/epoch").asLong());
        assertEquals(0, g.at("/config/istanbul/policy").asInt());
        assertEquals(QuorumGenesis.BFT_MIX_HASH, g.path("mixHash").asText());
        assertEquals("0x1", g.path("difficulty").asText());
        byte[] extra = Hex.decode(g.path("extraData").asText());
        for (int i = 0; i < 32; i++) assertEquals(0, extra[i], "32 bytes of vanity first");
        assertEquals(List.copyOf(new TreeSet<>(validators)), BftExtraData.decodeIstanbul(extra));
        QuorumGenesis.Summary s = QuorumGenesis.read(json);
        assertEquals(QuorumGenesis.Consensus.IBFT, s.consensus());
        assertEquals(1337, s.chainId());
    }

    @Test
    void qbftExtraDataIsTheBytesBesuWritesToo() {
        List<Address> validators = List.copyOf(new TreeSet<>(addresses(4, 5)));
        String json = QuorumGenesis.toJson(new Spec(QuorumGenesis.Consensus.QBFT, 1337, validators, List.of(), 5));
        JsonNode g = CanonicalJson.read(json);
        assertEquals(5, g.at("/config/qbft/blockperiodseconds").asInt());
        assertEquals(30000, g.at("/config/qbft/epochlength").asLong());
        byte[] extra = Hex.decode(g.path("extraData").asText());
        assertArrayEquals(ExtraData.encodeBytes(Consensus.QBFT, validators), extra, "QBFT extraData is cross-client");
        assertEquals(validators, QuorumGenesis.read(json).validators());
    }

    @Test
    void prefundedAccountsAndTheSameBytesForTheSameSpec() {
        Address account = Address.parse("0x75a3505cd50Cfc418e59458d0E23c8bd9f6B52a0");
        List<Address> validators = addresses(2, 7);
        Spec a = new Spec(QuorumGenesis.Consensus.QBFT, 1337, validators, List.of(account), 5);
        Spec b = new Spec(QuorumGenesis.Consensus.QBFT, 1337, List.of(validators.get(1), validators.get(0)), List.of(account), 5);
        assertEquals(QuorumGenesis.toJson(a), QuorumGenesis.toJson(b), "validator order does not matter");
        JsonNode g = CanonicalJson.read(QuorumGenesis.toJson(a));
        assertEquals(Hex.quantity(QuorumGenesis.PREFUND_WEI), g.at("/alloc/" + account.unprefixed() + "/balance").asText());
        assertTrue(QuorumGenesis.toJson(a).endsWith("}\n"));
    }

    @Test
    void aBftGenesisNeedsValidators() {
        assertThrows(IllegalArgumentException.class, () -> new Spec(QuorumGenesis.Consensus.IBFT, 1, List.of(), List.of(), 5));
        assertThrows(IllegalArgumentException.class, () -> QuorumGenesis.Consensus.parse("clique"));
        assertThrows(IllegalArgumentException.class, () -> BftExtraData.decodeIstanbul(new byte[10]));
    }
}
