package dev.memos.identity;

import dev.memos.crypto.SignatureAlgorithm;

/** How an identity key is protected at rest, and so what unlocking it needs. */
public enum Tier {
    /** Ed25519 seed wrapped (AES-256-GCM) under a key derived from this home's device key: no prompt. */
    DEVICE(1, SignatureAlgorithm.ED25519),
    /** Ed25519 seed wrapped (AES-256-GCM) under Argon2id(passphrase): device independent, needs the passphrase. */
    PASSPHRASE(2, SignatureAlgorithm.ED25519),
    /** ECDSA P-256 key generated inside a PKCS#11 token; it never leaves it. Needs the token PIN. */
    HSM(3, SignatureAlgorithm.ECDSA_P256);

    private final int number;
    private final SignatureAlgorithm algorithm;

    Tier(int number, SignatureAlgorithm algorithm) {
        this.number = number;
        this.algorithm = algorithm;
    }

    public int number() {
        return number;
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    public static Tier of(int number) {
        for (Tier t : values()) {
            if (t.number == number) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown key tier " + number + " (expected 1, 2 or 3)");
    }
}
