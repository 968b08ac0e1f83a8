package io.orca.platform.quorum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orca.platform.ethereum.Address;
import io.orca.platform.ethereum.BftExtraData;
import io.orca.platform.ethereum.CanonicalJson;
import io.orca.platform.ethereum.Hex;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * GoQuorum's {@code genesis.json}, byte-stable (the same spec gives the same bytes; validators and prefunded accounts
 * sorted by address, so the order of organizations in network.yaml cannot change it):
 * <pre>
 * config: {chainId, homestead … istanbul blocks 0, isQuorum: true, txnSizeLimit: 64, maxCodeSizeConfig,
 *          raft: nothing | ibft: istanbul {epoch, policy, ceil2Nby3Block} |
 *          qbft: qbft {epochlength, blockperiodseconds, emptyblockperiodseconds, requesttimeoutseconds, policy, ceil2Nby3Block}}
 * nonce, timestamp, extraData, gasLimit, difficulty, mixHash, coinbase, alloc
 * </pre>
 * extraData: raft 32 zero bytes (raft keeps its members in static-nodes.json, not in the block); ibft the istanbul
 * form, qbft the QBFT form ({@link BftExtraData}). mixHash: the Istanbul digest for the BFT protocols, zero for raft.
 */
public final class QuorumGenesis {
    /** The "Istanbul" mixHash GoQuorum requires on IBFT and QBFT blocks. */
    public static final String BFT_MIX_HASH = "0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365";
    public static final String ZERO_HASH = "0x" + "0".repeat(64);
    /** What Bevel's config.accounts promise each account: 90000 ETH. */
    public static final BigInteger PREFUND_WEI = BigInteger.valueOf(90_000).multiply(BigInteger.TEN.pow(18));
    static final long GAS_LIMIT = 0xE0000000L;
    static final long EPOCH = 30_000;

    private QuorumGenesis() {
    }

    /** GoQuorum's consensus protocols. */
    public enum Consensus {
        RAFT, IBFT, QBFT;

        public static Consensus parse(String text) {
            return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
                case "raft" -> RAFT;
                case "ibft" -> IBFT;
                case "qbft" -> QBFT;
                default -> throw new IllegalArgumentException("unsupported GoQuorum consensus '" + text + "' (expected raft, ibft or qbft)");
            };
        }

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param validators the BFT validators (ignored for raft); at least one for ibft and qbft
     * @param prefunded  accounts credited {@link #PREFUND_WEI} in alloc
     */
    public record Spec(Consensus consensus, long chainId, List<Address> validators, List<Address> prefunded, int blockPeriodSeconds) {
        public Spec {
            validators = List.copyOf(validators);
            prefunded = List.copyOf(prefunded);
            if (chainId <= 0) throw new IllegalArgumentException("chainId must be positive: " + chainId);
            if (consensus != Consensus.RAFT && validators.isEmpty()) throw new IllegalArgumentException("a BFT genesis needs a validator");
            if (new TreeSet<>(validators).size() != validators.size()) throw new IllegalArgumentException("duplicate validator in " + validators);
            if (blockPeriodSeconds < 1) throw new IllegalArgumentException("block period must be at least 1 second");
        }
    }

    public static String toJson(Spec spec) {
        ObjectNode root = CanonicalJson.object();
        ObjectNode config = root.putObject("config");
        config.put("chainId", spec.chainId());
        for (String milestone : List.of("homesteadBlock", "eip150Block", "eip155Block", "eip158Block", "byzantiumBlock",
                "constantinopleBlock", "petersburgBlock", "istanbulBlock")) {
            config.put(milestone, 0);
        }
        config.put("isQuorum", true);
        config.put("txnSizeLimit", 64);
        config.putArray("maxCodeSizeConfig").addObject().put("block", 0).put("size", 64);
        List<Address> validators = List.copyOf(new TreeSet<>(spec.validators()));
        switch (spec.consensus()) {
            case IBFT -> config.putObject("istanbul").put("epoch", EPOCH).put("policy", 0).put("ceil2Nby3Block", 0);
            case QBFT -> config.putObject("qbft").put("epochlength", EPOCH).put("blockperiodseconds", spec.blockPeriodSeconds())
                    .put("emptyblockperiodseconds", spec.blockPeriodSeconds()).put("requesttimeoutseconds", 10)
                    .put("policy", 0).put("ceil2Nby3Block", 0);
            case RAFT -> {
            }
        }
        root.put("nonce", "0x0");
        root.put("timestamp", "0x0");
        root.put("extraData", switch (spec.consensus()) {
            case RAFT -> "0x" + "0".repeat(64);
            case IBFT -> Hex.encodePrefixed(BftExtraData.istanbul(validators));
            case QBFT -> Hex.encodePrefixed(BftExtraData.qbft(validators));
        });
        root.put("gasLimit", Hex.quantity(GAS_LIMIT));
        root.put("difficulty", spec.consensus() == Consensus.RAFT ? "0x0" : "0x1");
        root.put("mixHash", spec.consensus() == Consensus.RAFT ? ZERO_HASH : BFT_MIX_HASH);
        root.put("coinbase", "0x" + "0".repeat(40));
        ObjectNode alloc = root.putObject("alloc");
        for (Address a : new TreeSet<>(spec.prefunded())) alloc.putObject(a.unprefixed()).put("balance", Hex.quantity(PREFUND_WEI));
        return CanonicalJson.write(root);
    }

    /** What a GoQuorum genesis.json says: its consensus, chain id and BFT validators (none for raft). */
    public record Summary(Consensus consensus, long chainId, List<Address> validators) {
    }

    public static Summary read(String json) {
        JsonNode root = CanonicalJson.read(json);
        JsonNode config = root.path("config");
        if (!config.path("isQuorum").asBoolean(false)) throw new IllegalArgumentException("not a GoQuorum genesis (config.isQuorum)");
        byte[] extra = Hex.decode(root.path("extraData").asText(""));
        Consensus c = config.has("qbft") ? Consensus.QBFT : config.has("istanbul") ? Consensus.IBFT : Consensus.RAFT;
        List<Address> validators = switch (c) {
            case QBFT -> BftExtraData.decodeQbft(extra);
            case IBFT -> BftExtraData.decodeIstanbul(extra);
            case RAFT -> List.of();
        };
        return new Summary(c, config.path("chainId").asLong(-1), validators);
    }
}
