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
    ECDSA_P256("ecdsa-p256-sha256");

    private final String id;

    SignatureAlgorithm(String id) {
        this.id = id;
    }

    /** The name written into files and tokens. */
    public String id() {
        return id;
    }

    public static SignatureAlgorithm fromId(String id) {
        for (SignatureAlgorithm a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown signature algorithm '" + id + "'");
    }
}
