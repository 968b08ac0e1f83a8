package io.orca.platform.besu.material;

import io.orca.platform.ethereum.Address;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenesisTest {
    /** Bevel's sample network.yaml (hyperledger-besu network-besu.yaml) config.accounts, as written there. */
    static final List<String> BEVEL_ACCOUNTS =
            List.of("0x75a3505cd50Cfc418e59458d0E23c8bd9f6B52a0", "0xe668554c28e81535B8679ff9de128203Fdedc212");
    static final Address V1 = Address.parse("c7eeb9a4e00ce683cf93039b212648e01c6c6b78");
    static final Address V2 = Address.parse("64a702e6263b7297a96638cac6ae65e6541f4169");

    static GenesisSpec spec(Consensus c) {
        return GenesisSpec.builder(c, 1337).validators(List.of(V1, V2)).prefundedAccounts(BEVEL_ACCOUNTS).build();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = GenesisTest.class.getResourceAsStream("/besu/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Golden files (src/test/resources/besu/genesis-*.json): the exact bytes must not drift. */
    @ParameterizedTest
    @EnumSource(Consensus.class)
    void matchesGoldenFile(Consensus c) throws IOException {
        assertEquals(resource("genesis-" + c.genesisKey() + ".json"), Genesis.toJson(spec(c)));
    }

    @ParameterizedTest
    @EnumSource(Consensus.class)
    void isDeterministicWhateverTheInputOrder(Consensus c) {
        List<String> accounts = new ArrayList<>(BEVEL_ACCOUNTS);
        Collections.reverse(accounts);
        GenesisSpec shuffled = GenesisSpec.builder(c, 1337).validators(List.of(V2, V1)).prefundedAccounts(accounts).build();
        String a = Genesis.toJson(spec(c));
        assertEquals(a, Genesis.toJson(spec(c)));
        assertEquals(a, Genesis.toJson(shuffled));
        assertTrue(a.endsWith("}\n"));
        assertFalse(a.contains("\r"));
        assertFalse(a.contains("\t"));
        assertTrue(a.startsWith("{\n  \"config\": {\n    \"chainId\": 1337,\n"));
    }

    @ParameterizedTest
    @EnumSource(Consensus.class)
    void hasBesuShape(Consensus c) throws IOException {
        JsonNode g = new ObjectMapper().readTree(Genesis.toJson(spec(c)));
        assertEquals(List.of("config", "nonce", "timestamp", "gasLimit", "difficulty", "mixHash", "coinbase", "alloc",
                "extraData"), fieldNames(g));
        JsonNode config = g.get("config");
        assertEquals(List.of("chainId", "berlinBlock", "londonBlock", c.genesisKey()), fieldNames(config));
        JsonNode protocol = config.get(c.genesisKey());
        assertEquals(5, protocol.get("blockperiodseconds").asInt());
        assertEquals(30000, protocol.get("epochlength").asLong());
        assertEquals(c.isBft(), protocol.has("requesttimeoutseconds"));
        assertEquals("0x1", g.get("difficulty").asText());
        assertEquals("0x0", g.get("nonce").asText());
        assertEquals("0x0", g.get("timestamp").asText());
        assertEquals(c.isBft() ? Genesis.BFT_MIX_HASH : Genesis.ZERO_HASH, g.get("mixHash").asText());
        assertEquals("0x0000000000000000000000000000000000000000", g.get("coinbase").asText());
        JsonNode alloc = g.get("alloc");
        assertEquals(List.of("75a3505cd50cfc418e59458d0e23c8bd9f6b52a0", "e668554c28e81535b8679ff9de128203fdedc212"),
                fieldNames(alloc));
        // 90000 ETH in wei, as Bevel documents for config.accounts.
        assertEquals(new BigInteger("90000000000000000000000"),
                new BigInteger(alloc.get("75a3505cd50cfc418e59458d0e23c8bd9f6b52a0").get("balance").asText().substring(2), 16));
        // Validators are written sorted, and read back.
        Genesis.Summary summary = Genesis.read(Genesis.toJson(spec(c)));
        assertEquals(new Genesis.Summary(c, 1337, List.of(V2, V1)), summary);
    }

    @Test
    void bevelIbftAliasWritesIbft2() {
        String json = Genesis.toJson(spec(Consensus.parse("ibft")));
        assertTrue(json.contains("\"ibft2\": {"));
        assertTrue(json.contains("808400000000c0\""));
    }

    @Test
    void optionsAreWritten() {
        Map<String, Long> milestones = new LinkedHashMap<>();
        milestones.put("berlinBlock", 0L);
        milestones.put("londonBlock", 0L);
        milestones.put("shanghaiTime", 0L);
        String json = Genesis.toJson(GenesisSpec.builder(Consensus.QBFT, 2018).validator(V1)
                .blockPeriodSeconds(2).epochLength(100).requestTimeoutSeconds(4).gasLimit(0x1fffffffffffffL)
                .difficulty(BigInteger.ONE).milestones(milestones).zeroBaseFee(true)
                .prefund(V2).prefundWei(BigInteger.valueOf(255)).build());
        assertTrue(json.contains("\"chainId\": 2018,\n    \"berlinBlock\": 0,\n    \"londonBlock\": 0,\n"
                + "    \"shanghaiTime\": 0,\n    \"zeroBaseFee\": true,\n    \"qbft\": {\n"
                + "      \"blockperiodseconds\": 2,\n      \"epochlength\": 100,\n      \"requesttimeoutseconds\": 4\n"), json);
        assertTrue(json.contains("\"gasLimit\": \"0x1fffffffffffff\""));
        assertTrue(json.contains("\"balance\": \"0xff\""));
    }

    @Test
    void emptyAllocIsCompact() {
        String json = Genesis.toJson(GenesisSpec.builder(Consensus.CLIQUE, 1).validator(V1).build());
        assertTrue(json.contains("\"alloc\": {},\n"), json);
    }

    @Test
    void rejectsBadSpecs() {
        assertThrows(IllegalArgumentException.class, () -> GenesisSpec.builder(Consensus.QBFT, 1337).build());
        assertThrows(IllegalArgumentException.class,
                () -> GenesisSpec.builder(Consensus.QBFT, 0).validator(V1).build());
        assertThrows(IllegalArgumentException.class,
                () -> GenesisSpec.builder(Consensus.QBFT, 1).validator(V1).validator(V1).build());
        assertThrows(IllegalArgumentException.class,
                () -> GenesisSpec.builder(Consensus.QBFT, 1).validator(V1).blockPeriodSeconds(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> GenesisSpec.builder(Consensus.QBFT, 1).validator(V1).milestones(Map.of("chainId", 0L)).build());
        // A typo in a checksummed Bevel account is caught (last letter's case flipped).
        String typo = "0x75a3505cd50Cfc418e59458d0E23c8bd9f6B52A0";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GenesisSpec.builder(Consensus.QBFT, 1).validator(V1).prefundedAccounts(List.of(typo)));
        assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("checksum"));
    }

    @Test
    void readsBesuDocsGenesis() {
        String docs = "{\"config\":{\"chainid\":1337,\"berlinBlock\":0,\"qbft\":{\"epochlength\":30000,"
                + "\"blockperiodseconds\":5,\"requesttimeoutseconds\":10}},\"nonce\":\"0x0\",\"timestamp\":\"0x5b3d92d7\","
                + "\"extraData\":\"0xf87aa00000000000000000000000000000000000000000000000000000000000000000f8549464a702e6263b7"
                + "297a96638cac6ae65e6541f4169943923390ad55e90c237593b3b0e401f3b08a0318594aefdb9a738c9f433e5b6b212a6d62f63"
                + "70c2f69294c7eeb9a4e00ce683cf93039b212648e01c6c6b78c080c0\"}";
        Genesis.Summary s = Genesis.read(docs);
        assertEquals(Consensus.QBFT, s.consensus());
        assertEquals(1337, s.chainId());
        assertEquals(4, s.validators().size());
        assertEquals(V2, s.validators().get(0));
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
