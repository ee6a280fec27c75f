package dev.memos.token;

import java.util.Locale;

/** Why a token was refused: exactly one reason per failure, so a skill (and the audit log) can tell attacks apart. */
public enum RejectReason {
    /** Not a token of this format: bad framing, encoding, JSON, field set, ranges or non-canonical bytes. */
    MALFORMED,
    /** The token signature does not verify under the key the chain binds (includes any tampering). */
    BAD_SIGNATURE,
    /** A delegation link's signature does not verify under its delegator's key. */
    BAD_LINK_SIGNATURE,
    /** Links do not connect (names, keys), the chain does not end at issuer → audience, or repeats an identity. */
    BROKEN_CHAIN,
    /** The token is addressed to another skill. */
    WRONG_AUDIENCE,
    /** Now is later than expiry plus the allowed skew. */
    EXPIRED,
    /** Issued-at lies further in the future than the allowed skew. */
    NOT_YET_VALID,
    /** Lifetime (exp − iat) above the verifier's maximum (300 s at most). */
    TTL_TOO_LONG,
    /** Lifetime below 60 s. */
    TTL_TOO_SHORT,
    /** This nonce was accepted before. */
    REPLAYED_NONCE,
    /** The issuer's keys differ from the ones pinned on first use; run {@code token repin-key} to accept them. */
    PIN_MISMATCH,
    /** More delegation links than the verifier allows. */
    DEPTH_EXCEEDED,
    /** A link or the token grants a scope its delegator did not hold. */
    SCOPE_WIDENED,
    /** The replay cache is full of unexpired nonces: fail closed rather than forget one. */
    REPLAY_CACHE_FULL,
    /** The issuer's identity key (the last link's {@code fromKey}) differs from the key known for its ID. */
    KEY_MISMATCH,
    /** No key is known for the issuer's ID (no home identity, pin or inception record) and first use is not trusted. */
    UNVERIFIED_KEY,
    /**
     * exp + skew is at or below the replay cache's high-water mark: nonces that old were already
     * purged (a clock that was ahead, or went back), so a replay could not be told apart: refused.
     */
    REPLAY_WINDOW_PASSED,
    /** The trust score computed from the issuer's signed chain head is below the verifier's minimum. */
    TRUST_BELOW_MINIMUM,
    /** The token claims a trust score other than the one its issuer's signed chain head gives. */
    TRUST_MISMATCH,
    /**
     * The chain head the score would rest on is not the issuer's: forged (signature), of another
     * identity, signed by another key than the token's issuer key, or a v1 head without trust inputs.
     */
    BAD_TRUST_HEAD,
    /** A minimum trust is required but neither the token nor the network offers a chain head of the issuer. */
    NO_TRUST_HEAD;

    /** The code written to the audit log and to {@code --json}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
