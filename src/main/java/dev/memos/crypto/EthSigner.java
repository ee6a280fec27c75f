package dev.memos.crypto;

import dev.memos.crypto.internal.Web3jEthSigner;

/**
 * Signs with an Ethereum key. The one place that touches web3j is behind this interface, so no
 * other package imports it. Signatures are 65 bytes r || s || v with low s and v in {27, 28}.
 */
public interface EthSigner {
    EthAddress address();

    /** 65-byte uncompressed public key (0x04 || X || Y). */
    byte[] publicKey();

    /** EIP-191 personal_sign over the message bytes. */
    byte[] signPersonalMessage(byte[] message);

    /** Signs a 32-byte digest as it is (for EIP-712, whose digest is already domain-separated). */
    byte[] signDigest(byte[] digest32);

    static EthSigner of(EthPrivateKey key) {
        return new Web3jEthSigner(key);
    }
}
