package dev.memos.token;

import dev.memos.crypto.Signer;
import java.util.List;

/**
 * What the token code needs to know about one identity that may issue or relay tokens. The identity
 * module implements it (key tier, lifecycle, trust score from the memory rings); this package only
 * reads it, so tokens never depend on how an identity is stored.
 */
public interface Issuer {
    /** The identity ID, e.g. {@code CW-NOVA.R7KMX2-AA}. */
    String id();

    IssuerState state();

    /** Trust score 10..100 computed from the memory chain. */
    int trustScore();

    /** The identity key: signs the delegation links this identity grants (may unlock the identity). */
    Signer delegationSigner();

    /** The identity's public key, what links TO it carry; needs no unlock where the key is stored. */
    default byte[] publicKey() {
        return delegationSigner().publicKey();
    }

    default dev.memos.crypto.SignatureAlgorithm keyAlgorithm() {
        return delegationSigner().algorithm();
    }

    /**
     * Links already granted TO this identity, root first (e.g. human → CW-NOVA), each signed by its
     * delegator; empty when this identity is its own root. Token chains start with these.
     */
    List<DelegationLink> grants();

    /**
     * A fresh v2 signed head of this identity's memory chain, signed by its identity key, for a token
     * to embed (FORMAT.md §11.2); issuers without a chain cannot give one.
     */
    default dev.memos.ring.SignedHead trustHead() {
        throw dev.memos.error.MemosException.usage(id() + " has no memory chain here, so there is no chain head to embed");
    }
}
