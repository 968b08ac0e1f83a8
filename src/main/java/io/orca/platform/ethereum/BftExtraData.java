package io.orca.platform.ethereum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Genesis {@code extraData} of the BFT protocols Besu and GoQuorum share, for a genesis block (no vote, round 0, no
 * seals), validators in the order given:
 * <ul>
 * <li>QBFT (Besu's {@code QbftExtraDataCodec}, GoQuorum's {@code QBFTExtra}; the same bytes for both clients):
 *     RLP([vanity32, [validators], vote = [] (0xc0), round = 0 (0x80), seals = []]).</li>
 * <li>Istanbul, GoQuorum's IBFT ({@code IstanbulExtra}): 32 bytes of vanity, then RLP([[validators], seal = empty
 *     (0x80), committed seals = []]).</li>
 * </ul>
 */
public final class BftExtraData {
    static final int VANITY = 32;

    private BftExtraData() {
    }

    public static byte[] qbft(List<Address> validators) {
        requireValidators(validators);
        return Rlp.encodeList(Rlp.encodeBytes(new byte[VANITY]), addresses(validators), Rlp.encodeList(), Rlp.encodeScalar(0), Rlp.encodeList());
    }

    public static byte[] istanbul(List<Address> validators) {
        requireValidators(validators);
        byte[] rlp = Rlp.encodeList(addresses(validators), Rlp.encodeBytes(new byte[0]), Rlp.encodeList());
        byte[] out = new byte[VANITY + rlp.length];
        System.arraycopy(rlp, 0, out, VANITY, rlp.length);
        return out;
    }

    /** The validators of a QBFT extraData. */
    public static List<Address> decodeQbft(byte[] extraData) {
        if (!(Rlp.decode(extraData) instanceof Rlp.ItemList root) || root.items().size() != 5) {
            throw new IllegalArgumentException("not a QBFT extraData: expected RLP [vanity, [validators], vote, round, seals]");
        }
        return validators(root.items().get(1));
    }

    /** The validators of an Istanbul (GoQuorum IBFT) extraData. */
    public static List<Address> decodeIstanbul(byte[] extraData) {
        if (extraData.length <= VANITY) throw new IllegalArgumentException("istanbul extraData shorter than its vanity");
        if (!(Rlp.decode(Arrays.copyOfRange(extraData, VANITY, extraData.length)) instanceof Rlp.ItemList root)
                || root.items().size() != 3) {
            throw new IllegalArgumentException("not an istanbul extraData: expected vanity + RLP [[validators], seal, committed seals]");
        }
        return validators(root.items().get(0));
    }

    private static byte[] addresses(List<Address> validators) {
        List<byte[]> encoded = new ArrayList<>();
        for (Address a : validators) encoded.add(Rlp.encodeBytes(a.bytes()));
        return Rlp.encodeList(encoded);
    }

    private static List<Address> validators(Rlp.Item item) {
        if (!(item instanceof Rlp.ItemList list)) throw new IllegalArgumentException("extraData validators are not a list");
        List<Address> out = new ArrayList<>();
        for (Rlp.Item v : list.items()) {
            if (!(v instanceof Rlp.Bytes b) || b.value().length != 20) {
                throw new IllegalArgumentException("extraData validator is not a 20-byte address");
            }
            out.add(Address.of(b.value()));
        }
        return out;
    }

    private static void requireValidators(List<Address> validators) {
        if (validators.isEmpty()) throw new IllegalArgumentException("a genesis needs at least one validator");
    }
}
