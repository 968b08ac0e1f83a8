package io.orca.platform.besu.material;

import io.orca.platform.ethereum.Address;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Known genesis extraData values written by Besu (and its predecessor Pantheon), decoded by hand to
 * their validator lists: encoding those validators must give the published bytes back.
 */
class ExtraDataTest {
    private static final String VANITY = "a0" + "00".repeat(32);

    private static List<Address> addrs(String... hex) {
        return java.util.Arrays.stream(hex).map(Address::parse).toList();
    }

    /** Besu docs, "Configure QBFT consensus", block header validator selection genesis example. */
    @Test
    void qbftMatchesBesuDocsExample() {
        List<Address> v = addrs("64a702e6263b7297a96638cac6ae65e6541f4169", "3923390ad55e90c237593b3b0e401f3b08a03185",
                "aefdb9a738c9f433e5b6b212a6d62f6370c2f692", "c7eeb9a4e00ce683cf93039b212648e01c6c6b78");
        String docs = "0xf87aa00000000000000000000000000000000000000000000000000000000000000000f8549464a702e6263b7297a9"
                + "6638cac6ae65e6541f4169943923390ad55e90c237593b3b0e401f3b08a0318594aefdb9a738c9f433e5b6b212a6d62f6370c2"
                + "f69294c7eeb9a4e00ce683cf93039b212648e01c6c6b78c080c0";
        assertEquals(docs, ExtraData.encode(Consensus.QBFT, v));
        assertEquals(v, ExtraData.decodeValidators(Consensus.QBFT, docs));
    }

    /** Besu IBFT 2.0 tutorial genesis (four validators), as reproduced in the 8bitzen.com write-up. */
    @Test
    void ibft2MatchesBesuTutorialGenesis() {
        List<Address> v = addrs("8539c5c368dda69bc541299a5293836ca9e3a361", "b97ccc82acb5d04c557e6363e283e2f0a44c0f8b",
                "2e7427a308b7e04f53cbceec3d2a9ff6955b7b45", "b7108387430622ffebe9c9777bbe5c7d647f9dea");
        String tutorial = "0xf87ea00000000000000000000000000000000000000000000000000000000000000000f854948539c5c368dda69b"
                + "c541299a5293836ca9e3a36194b97ccc82acb5d04c557e6363e283e2f0a44c0f8b942e7427a308b7e04f53cbceec3d2a9ff6955"
                + "b7b4594b7108387430622ffebe9c9777bbe5c7d647f9dea808400000000c0";
        assertEquals(tutorial, ExtraData.encode(Consensus.IBFT2, v));
        assertEquals(v, ExtraData.decodeValidators(Consensus.IBFT2, tutorial));
    }

    /** One-validator IBFT 2.0 genesis (Besu "create an Ethereum genesis file" article) and Pantheon's IBFT docs. */
    @Test
    void ibft2MatchesOtherPublishedGeneses() {
        assertEquals("0xf83ea00000000000000000000000000000000000000000000000000000000000000000d5949811ebc35d7b06b3fa8d"
                        + "c5809a1f9c52751e1deb808400000000c0",
                ExtraData.encode(Consensus.IBFT2, addrs("9811ebc35d7b06b3fa8dc5809a1f9c52751e1deb")));
        assertEquals("0xf853a00000000000000000000000000000000000000000000000000000000000000000ea94be068f726a13c8d46c44be"
                        + "6ce9d275600e1735a4945ff6f4b66a46a2b2310a6f3a93aaddc0d9a1c193808400000000c0",
                ExtraData.encode(Consensus.IBFT2, addrs("be068f726a13c8d46c44be6ce9d275600e1735a4",
                        "5ff6f4b66a46a2b2310a6f3a93aaddc0d9a1c193")));
    }

    /**
     * Six-validator QBFT genesis written by ConsenSys quorum-genesis-tool (the generator behind the
     * besu-genesis Helm chart), as published in a public deployment guide.
     */
    @Test
    void qbftMatchesQuorumGenesisToolOutput() {
        List<Address> v = addrs("9fdf0be08163c2a42ae8a2da2589cfde2b233751", "fffc4330c031a0185dce6fe1aea4d96c38b3b318",
                "3d6ba9de31aa747947d05224f384b7cdf9b360a0", "96f38a5e35787a6bd046ce0884af159169ca1da2",
                "f0e810229eec528d05a9dd010c3224856c3b167f", "f984e43345c8375672ad451aaa3c67ee31d1b89e");
        String tool = "0xf8a4a00000000000000000000000000000000000000000000000000000000000000000f87e949fdf0be08163c2a42ae"
                + "8a2da2589cfde2b23375194fffc4330c031a0185dce6fe1aea4d96c38b3b318943d6ba9de31aa747947d05224f384b7cdf9b360a0"
                + "9496f38a5e35787a6bd046ce0884af159169ca1da294f0e810229eec528d05a9dd010c3224856c3b167f94f984e43345c8375672"
                + "ad451aaa3c67ee31d1b89ec080c0";
        assertEquals(tool, ExtraData.encode(Consensus.QBFT, v));
        assertEquals(v, ExtraData.decodeValidators(Consensus.QBFT, tool));
    }

    @Test
    void bftLayoutsDifferOnlyInVoteAndRound() {
        List<Address> v = addrs("01a54556254bfa3db2daa7673435ec63649925c5");
        String body = "d594" + "01a54556254bfa3db2daa7673435ec63649925c5";
        // QBFT: vote = empty list (c0), round = scalar 0 (80), seals = empty list (c0).
        assertEquals("0xf83a" + VANITY + body + "c080c0", ExtraData.encode(Consensus.QBFT, v));
        // IBFT 2.0: vote = RLP null (80), round = 4-byte int (8400000000), seals = empty list (c0).
        assertEquals("0xf83e" + VANITY + body + "808400000000c0", ExtraData.encode(Consensus.IBFT2, v));
    }

    /** Besu docs, "Configure Clique consensus" genesis example (one signer). */
    @Test
    void cliqueMatchesBesuDocsExample() {
        String docs = "0x0000000000000000000000000000000000000000000000000000000000000000"
                + "01a54556254bfa3db2daa7673435ec63649925c5"
                + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000000000000000000000";
        List<Address> v = addrs("01a54556254bfa3db2daa7673435ec63649925c5");
        assertEquals(docs, ExtraData.encode(Consensus.CLIQUE, v));
        assertEquals(v, ExtraData.decodeValidators(Consensus.CLIQUE, docs));
    }

    /** Two signers (a published geth clique genesis): addresses back to back between vanity and seal. */
    @Test
    void cliqueConcatenatesSigners() {
        List<Address> v = addrs("3590aca93338b0721966a8d0c96ebf2c4c87c544", "8cc5a1a0802db41db826c2fcb72423744338dcb0");
        String expected = "0x" + "00".repeat(32) + "3590aca93338b0721966a8d0c96ebf2c4c87c544"
                + "8cc5a1a0802db41db826c2fcb72423744338dcb0" + "00".repeat(65);
        assertEquals(expected, ExtraData.encode(Consensus.CLIQUE, v));
        assertEquals(v, ExtraData.decodeValidators(Consensus.CLIQUE, expected));
    }

    @Test
    void rejectsEmptyValidatorsAndGarbage() {
        assertThrows(IllegalArgumentException.class, () -> ExtraData.encode(Consensus.QBFT, List.of()));
        assertThrows(IllegalArgumentException.class, () -> ExtraData.decodeValidators(Consensus.QBFT, "0xc0"));
        assertThrows(IllegalArgumentException.class, () -> ExtraData.decodeValidators(Consensus.CLIQUE, "0x00"));
    }

    @Test
    void consensusNamesFollowBevel() {
        assertEquals(Consensus.QBFT, Consensus.parse("qbft"));
        assertEquals(Consensus.IBFT2, Consensus.parse("ibft2"));
        assertEquals(Consensus.IBFT2, Consensus.parse("ibft"));
        assertEquals(Consensus.IBFT2, Consensus.parse(" IBFT "));
        assertEquals(Consensus.CLIQUE, Consensus.parse("clique"));
        assertThrows(IllegalArgumentException.class, () -> Consensus.parse("raft"));
        assertThrows(IllegalArgumentException.class, () -> Consensus.parse(null));
    }
}
