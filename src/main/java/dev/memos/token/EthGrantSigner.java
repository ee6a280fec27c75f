package dev.memos.token;

import dev.memos.crypto.EthSigner;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.crypto.Signer;

/**
 * An Ethereum account as the root delegator of a token chain (a human's grant, FORMAT.md §11.3): it
 * signs a link's bytes with EIP-191 personal_sign, so any wallet can produce the same signature, and
 * its "public key" is its 20-byte address.
 */
public final class EthGrantSigner implements Signer {
    private final EthSigner eth;

    public EthGrantSigner(EthSigner eth) {
        this.eth = eth;
    }

    /** The principal name a grant from this account carries: {@code human:0x…} (EIP-55). */
    public String principal() {
        return "human:" + eth.address().checksummed();
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return SignatureAlgorithm.ETH_PERSONAL_SIGN;
    }

    @Override
    public byte[] publicKey() {
        return eth.address().bytes();
    }

    @Override
    public byte[] sign(byte[] message) {
        return eth.signPersonalMessage(message);
    }
}
