/**
 * Ethereum material the EVM platforms share (Besu and GoQuorum): secp256k1 node keys, account addresses, enode URLs,
 * Keccak-256, RLP, the BFT genesis extraData both clients read, byte-stable JSON, and how a node's key is kept as a
 * Secret across runs.
 *
 * <p>Everything here is pure: no file, network or clock access. Randomness comes only from a caller's
 * {@link java.security.SecureRandom}. Cryptographic primitives come from BouncyCastle (secp256k1, Keccak-256); RLP
 * (a serialization format) is implemented in {@link io.orca.platform.ethereum.Rlp}. Private keys only ever travel
 * as {@link io.orca.model.Secret}.
 */
package io.orca.platform.ethereum;
