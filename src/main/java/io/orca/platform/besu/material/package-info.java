/**
 * Besu network material: node keys (secp256k1), enode URLs, genesis files and the public key registry.
 *
 * <p>Everything here is pure: no file, network or clock access. Randomness comes only from a caller's
 * {@link java.security.SecureRandom}. Cryptographic primitives come from BouncyCastle (secp256k1,
 * Keccak-256); RLP (a serialization format) is implemented in {@link io.orca.platform.besu.material.Rlp}.
 * Private keys only ever travel as {@link io.orca.model.Secret}.
 */
package io.orca.platform.besu.material;
