package io.orca.platform.besu.material;

import io.orca.platform.ethereum.Address;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What a Besu genesis is made of. Build with {@link #builder(Consensus, long)}; defaults:
 * block period 5 s, epoch 30000 blocks, request timeout 10 s, gas limit 0x29b92700 (the value of Besu's
 * QBFT documentation example), difficulty 1, milestones {@code berlinBlock: 0, londonBlock: 0},
 * prefund balance 90000 ETH (what Bevel's {@code config.accounts} promises), no {@code zeroBaseFee}.
 *
 * @param validators  validator (BFT) or signer (clique) addresses; at least one, no duplicates
 * @param prefunded   accounts credited {@code prefundWei} in {@code alloc} (Bevel's {@code config.accounts})
 * @param milestones  fork milestones for {@code config}, e.g. {@code berlinBlock -> 0}, written in this order
 * @param zeroBaseFee writes {@code "zeroBaseFee": true} (free gas networks; needs Besu 23.1 or later)
 */
public record GenesisSpec(
        Consensus consensus,
        long chainId,
        List<Address> validators,
        List<Address> prefunded,
        BigInteger prefundWei,
        int blockPeriodSeconds,
        long epochLength,
        int requestTimeoutSeconds,
        long gasLimit,
        BigInteger difficulty,
        Map<String, Long> milestones,
        boolean zeroBaseFee) {

    public static final BigInteger WEI_PER_ETH = BigInteger.TEN.pow(18);
    public static final BigInteger DEFAULT_PREFUND_WEI = BigInteger.valueOf(90_000).multiply(WEI_PER_ETH);

    public GenesisSpec {
        Objects.requireNonNull(consensus, "consensus");
        validators = List.copyOf(validators);
        prefunded = List.copyOf(prefunded);
        Objects.requireNonNull(prefundWei, "prefundWei");
        Objects.requireNonNull(difficulty, "difficulty");
        milestones = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(milestones));
        if (chainId <= 0) {
            throw new IllegalArgumentException("chainId must be positive: " + chainId);
        }
        if (validators.isEmpty()) {
            throw new IllegalArgumentException("a genesis needs at least one validator");
        }
        if (new TreeSet<>(validators).size() != validators.size()) {
            throw new IllegalArgumentException("duplicate validator address in " + validators);
        }
        if (prefundWei.signum() < 0) {
            throw new IllegalArgumentException("prefund balance must not be negative");
        }
        if (blockPeriodSeconds < 1) {
            throw new IllegalArgumentException("block period must be at least 1 second: " + blockPeriodSeconds);
        }
        if (epochLength < 1) {
            throw new IllegalArgumentException("epoch length must be at least 1 block: " + epochLength);
        }
        if (requestTimeoutSeconds < 1) {
            throw new IllegalArgumentException("request timeout must be at least 1 second: " + requestTimeoutSeconds);
        }
        if (gasLimit < 5000) {
            throw new IllegalArgumentException("gas limit must be at least 5000: " + gasLimit);
        }
        if (difficulty.signum() <= 0) {
            throw new IllegalArgumentException("difficulty must be positive");
        }
        for (Map.Entry<String, Long> m : milestones.entrySet()) {
            if (!m.getKey().matches("[a-z][A-Za-z0-9]*(Block|Time)") || m.getValue() == null || m.getValue() < 0) {
                throw new IllegalArgumentException("bad milestone " + m.getKey() + "=" + m.getValue());
            }
            if (m.getKey().equals("chainId") || m.getKey().equals("zeroBaseFee")) {
                throw new IllegalArgumentException("not a milestone: " + m.getKey());
            }
        }
    }

    public static Builder builder(Consensus consensus, long chainId) {
        return new Builder(consensus, chainId);
    }

    /** Mutable builder with the documented defaults. */
    public static final class Builder {
        private final Consensus consensus;
        private final long chainId;
        private final List<Address> validators = new ArrayList<>();
        private final List<Address> prefunded = new ArrayList<>();
        private BigInteger prefundWei = DEFAULT_PREFUND_WEI;
        private int blockPeriodSeconds = 5;
        private long epochLength = 30_000;
        private int requestTimeoutSeconds = 10;
        private long gasLimit = 0x29b92700L;
        private BigInteger difficulty = BigInteger.ONE;
        private Map<String, Long> milestones;
        private boolean zeroBaseFee;

        private Builder(Consensus consensus, long chainId) {
            this.consensus = consensus;
            this.chainId = chainId;
            this.milestones = new LinkedHashMap<>();
            milestones.put("berlinBlock", 0L);
            milestones.put("londonBlock", 0L);
        }

        public Builder validators(List<Address> addresses) {
            validators.addAll(addresses);
            return this;
        }

        public Builder validator(Address address) {
            validators.add(address);
            return this;
        }

        /** Accounts to prefund; strings as in Bevel's {@code config.accounts} ({@code 0x} optional, EIP-55 checked). */
        public Builder prefundedAccounts(List<String> addresses) {
            for (String a : addresses) {
                prefunded.add(Address.parse(a));
            }
            return this;
        }

        public Builder prefund(Address address) {
            prefunded.add(address);
            return this;
        }

        public Builder prefundWei(BigInteger wei) {
            this.prefundWei = wei;
            return this;
        }

        public Builder blockPeriodSeconds(int seconds) {
            this.blockPeriodSeconds = seconds;
            return this;
        }

        public Builder epochLength(long blocks) {
            this.epochLength = blocks;
            return this;
        }

        public Builder requestTimeoutSeconds(int seconds) {
            this.requestTimeoutSeconds = seconds;
            return this;
        }

        public Builder gasLimit(long gas) {
            this.gasLimit = gas;
            return this;
        }

        public Builder difficulty(BigInteger difficulty) {
            this.difficulty = difficulty;
            return this;
        }

        /** Replaces the milestones (kept in the given map's iteration order). */
        public Builder milestones(Map<String, Long> milestones) {
            this.milestones = new LinkedHashMap<>(milestones);
            return this;
        }

        public Builder zeroBaseFee(boolean zeroBaseFee) {
            this.zeroBaseFee = zeroBaseFee;
            return this;
        }

        public GenesisSpec build() {
            return new GenesisSpec(consensus, chainId, validators, prefunded, prefundWei, blockPeriodSeconds,
                    epochLength, requestTimeoutSeconds, gasLimit, difficulty, milestones, zeroBaseFee);
        }
    }
}
