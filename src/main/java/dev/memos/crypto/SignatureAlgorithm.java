package dev.memos.crypto;

/**
 * Signature algorithms of identity, skill and checkpoint keys, with the exact public-key and
 * signature encodings every format uses.
 */
public enum SignatureAlgorithm {
    /** RFC 8032 Ed25519: 32-byte public key, 64-byte signature. Tiers 1 and 2, skill keys. */
    ED25519("ed25519"),
    /**
     * ECDSA over NIST P-256 with SHA-256 (tier 3: what PKCS#11 tokens support everywhere). Public key
     * is the 65-byte uncompressed point, signature the 64-byte r || s (IEEE P1363), low-s not required.
     */
    ECDSA_P256("ecdsa-p256-sha256"),
    /**
     * An Ethereum account signing with EIP-191 personal_sign (version 0x45) over the message: the
     * "public key" is the 20-byte address, the signature the 65-byte r || s || v (low s), checked by
     * recovery. Only the root link of a token delegation chain (a human's grant) may use it, so the
     * general {@link #fromId} does not know it; token parsing asks {@link #fromIdIncludingEth}.
     */
    ETH_PERSONAL_SIGN("eth-personal-sign");

    private final String id;

    SignatureAlgorithm(String id) {
        this.id = id;
    }

    /** The name written into files and tokens. */
    public String id() {
        return id;
    }

    /** Ed25519 or P-256 by name; anything else (eth-personal-sign included) is unknown here. */
    public static SignatureAlgorithm fromId(String id) {
        SignatureAlgorithm a = fromIdIncludingEth(id);
        if (a == ETH_PERSONAL_SIGN) {
            throw new IllegalArgumentException("unknown signature algorithm '" + id + "'");
        }
        return a;
    }

    /** Any algorithm by name, eth-personal-sign included (delegation links only). */
    public static SignatureAlgorithm fromIdIncludingEth(String id) {
        for (SignatureAlgorithm a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown signature algorithm '" + id + "'");
    }
}
