package io.orca.platform.besu.material;

import io.orca.platform.ethereum.Address;
import io.orca.platform.ethereum.BftExtraData;
import io.orca.platform.ethereum.Hex;
import io.orca.platform.ethereum.Rlp;

import java.util.ArrayList;
import java.util.List;

/**
 * Genesis {@code extraData} for Besu's consensus protocols, as Besu's own codecs write it for a genesis
 * block (32 zero bytes of vanity, the validators, no vote, round 0, no seals):
 * <ul>
 * <li>IBFT 2.0 ({@code IbftExtraDataCodec}): RLP([vanity32, [validators], vote = RLP null (0x80),
 *     round as a 4-byte int (0x8400000000), seals = []]).</li>
 * <li>QBFT ({@code QbftExtraDataCodec}): RLP([vanity32, [validators], vote = [] (0xc0),
 *     round as an RLP scalar (0 = 0x80), seals = []]).</li>
 * <li>Clique: 32 zero bytes of vanity, the concatenated 20-byte signer addresses, 65 zero bytes of seal
 *     (not RLP).</li>
 * </ul>
 * Validators are written in the order given.
 */
public final class ExtraData {
    private static final int VANITY = 32;
    private static final int CLIQUE_SEAL = 65;

    private ExtraData() {
    }

    /** {@code 0x}-prefixed hex extraData for a genesis block. */
    public static String encode(Consensus consensus, List<Address> validators) {
        return Hex.encodePrefixed(encodeBytes(consensus, validators));
    }

    public static byte[] encodeBytes(Consensus consensus, List<Address> validators) {
        if (validators.isEmpty()) {
            throw new IllegalArgumentException("a genesis needs at least one validator");
        }
        return switch (consensus) {
            case QBFT -> BftExtraData.qbft(validators); // the same bytes GoQuorum writes
            case IBFT2 -> bft(validators, Rlp.encodeBytes(new byte[0]), Rlp.encodeBytes(new byte[4]));
            case CLIQUE -> clique(validators);
        };
    }

    private static byte[] bft(List<Address> validators, byte[] noVote, byte[] roundZero) {
        List<byte[]> addresses = new ArrayList<>();
        for (Address a : validators) {
            addresses.add(Rlp.encodeBytes(a.bytes()));
        }
        return Rlp.encodeList(
                Rlp.encodeBytes(new byte[VANITY]),
                Rlp.encodeList(addresses),
                noVote,
                roundZero,
                Rlp.encodeList());
    }

    private static byte[] clique(List<Address> validators) {
        byte[] out = new byte[VANITY + 20 * validators.size() + CLIQUE_SEAL];
        int pos = VANITY;
        for (Address a : validators) {
            System.arraycopy(a.bytes(), 0, out, pos, 20);
            pos += 20;
        }
        return out;
    }

    /** Reads the validators back from a genesis extraData of the given protocol. */
    public static List<Address> decodeValidators(Consensus consensus, String extraDataHex) {
        byte[] data = Hex.decode(extraDataHex);
        List<Address> out = new ArrayList<>();
        if (consensus == Consensus.CLIQUE) {
            int signers = data.length - VANITY - CLIQUE_SEAL;
            if (signers < 0 || signers % 20 != 0) {
                throw new IllegalArgumentException("clique extraData has a bad length: " + data.length + " bytes");
            }
            for (int pos = VANITY; pos < VANITY + signers; pos += 20) {
                out.add(Address.of(java.util.Arrays.copyOfRange(data, pos, pos + 20)));
            }
            return out;
        }
        if (!(Rlp.decode(data) instanceof Rlp.ItemList root) || root.items().size() != 5
                || !(root.items().get(1) instanceof Rlp.ItemList validators)) {
            throw new IllegalArgumentException("not a " + consensus + " extraData: expected RLP [vanity, [validators], vote, round, seals]");
        }
        for (Rlp.Item v : validators.items()) {
            if (!(v instanceof Rlp.Bytes b) || b.value().length != 20) {
                throw new IllegalArgumentException("extraData validator is not a 20-byte address");
            }
            out.add(Address.of(b.value()));
        }
        return out;
    }
}
