/**
 * Besu network material: genesis files (QBFT, IBFT 2.0, clique) and their extraData. The Ethereum material Besu
 * shares with GoQuorum (secp256k1 node keys, addresses, enode URLs, RLP, Keccak) is in {@link io.orca.platform.ethereum}.
 *
 * <p>Everything here is pure: no file, network or clock access.
 */
package io.orca.platform.besu.material;
