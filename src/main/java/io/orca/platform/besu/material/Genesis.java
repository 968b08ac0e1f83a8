package io.orca.platform.besu.material;

import io.orca.platform.ethereum.Address;
import io.orca.platform.ethereum.CanonicalJson;
import io.orca.platform.ethereum.Hex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes Besu's {@code genesis.json}. Same {@link GenesisSpec} in, byte-identical text out: fixed key
 * order, two-space indent, {@code \n} line ends, a trailing newline. Validators and prefunded accounts
 * are sorted by address so neither the order of organisations in network.yaml nor map iteration order
 * can change the genesis (Besu itself keeps validator sets sorted, so the order has no meaning).
 *
 * <p>Shape:
 * <pre>
 * config: {chainId, &lt;milestones&gt;, [zeroBaseFee], qbft|ibft2|clique: {blockperiodseconds, epochlength,
 *          [requesttimeoutseconds (BFT only)]}}
 * nonce "0x0", timestamp "0x0", gasLimit, difficulty, mixHash (BFT: the "Istanbul" digest; clique: zero),
 * coinbase (zero address), alloc {address: {balance}}, extraData
 * </pre>
 */
public final class Genesis {
    /** mixHash Besu requires on BFT blocks ("ctical byzantine fault tolerance"). */
    public static final String BFT_MIX_HASH = "0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365";
    public static final String ZERO_HASH = "0x" + "0".repeat(64);
    public static final String ZERO_ADDRESS = "0x" + "0".repeat(40);

    private Genesis() {
    }

    /** The genesis validators in the order they are written: sorted by address. */
    public static List<Address> orderedValidators(GenesisSpec spec) {
        return List.copyOf(new TreeSet<>(spec.validators()));
    }

    public static String toJson(GenesisSpec spec) {
        ObjectNode root = CanonicalJson.object();
        ObjectNode config = root.putObject("config");
        config.put("chainId", spec.chainId());
        for (Map.Entry<String, Long> m : spec.milestones().entrySet()) {
            config.put(m.getKey(), m.getValue());
        }
        if (spec.zeroBaseFee()) {
            config.put("zeroBaseFee", true);
        }
        ObjectNode protocol = config.putObject(spec.consensus().genesisKey());
        protocol.put("blockperiodseconds", spec.blockPeriodSeconds());
        protocol.put("epochlength", spec.epochLength());
        if (spec.consensus().isBft()) {
            protocol.put("requesttimeoutseconds", spec.requestTimeoutSeconds());
        }
        root.put("nonce", "0x0");
        root.put("timestamp", "0x0");
        root.put("gasLimit", Hex.quantity(spec.gasLimit()));
        root.put("difficulty", Hex.quantity(spec.difficulty()));
        root.put("mixHash", spec.consensus().isBft() ? BFT_MIX_HASH : ZERO_HASH);
        root.put("coinbase", ZERO_ADDRESS);
        ObjectNode alloc = root.putObject("alloc");
        for (Address a : new TreeSet<>(spec.prefunded())) {
            alloc.putObject(a.unprefixed()).put("balance", Hex.quantity(spec.prefundWei()));
        }
        root.put("extraData", ExtraData.encode(spec.consensus(), orderedValidators(spec)));
        return CanonicalJson.write(root);
    }

    /** What an existing genesis.json says about its consensus and validators (for re-runs and checks). */
    public record Summary(Consensus consensus, long chainId, List<Address> validators) {
        public Summary {
            validators = List.copyOf(validators);
        }
    }

    /** Reads consensus, chain id and validators back from a Besu genesis.json. */
    public static Summary read(String genesisJson) {
        JsonNode root = CanonicalJson.read(genesisJson);
        JsonNode config = root.path("config");
        if (!config.isObject()) {
            throw new IllegalArgumentException("genesis has no config object");
        }
        List<Consensus> found = new ArrayList<>();
        for (Consensus c : Consensus.values()) {
            if (config.has(c.genesisKey())) {
                found.add(c);
            }
        }
        if (found.size() != 1) {
            throw new IllegalArgumentException("genesis config must name exactly one of qbft, ibft2, clique; found " + found);
        }
        long chainId = -1;
        for (Iterator<String> it = config.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.equalsIgnoreCase("chainId")) {
                chainId = config.get(k).asLong(-1);
            }
        }
        JsonNode extra = null;
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.equalsIgnoreCase("extraData")) {
                extra = root.get(k);
            }
        }
        if (extra == null || !extra.isTextual()) {
            throw new IllegalArgumentException("genesis has no extraData");
        }
        return new Summary(found.get(0), chainId, ExtraData.decodeValidators(found.get(0), extra.asText()));
    }
}
