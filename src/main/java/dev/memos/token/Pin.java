package dev.memos.token;

import dev.memos.crypto.Hash;
import dev.memos.encoding.Base64Url;

/**
 * A pinned issuer: the Ed25519 key that signs its tokens for this skill, and (when learned from a
 * token) the identity key that granted it. Pinning both stops a thief of the skill key from
 * inventing a new chain, and a fake chain from presenting a new skill key.
 */
public record Pin(byte[] tokenKey, byte[] identityKey) {
    public Pin {
        tokenKey = tokenKey.clone();
        identityKey = identityKey == null ? null : identityKey.clone();
    }

    /** Constant-time match; an identity key absent from the pin (set by hand) is not compared. */
    boolean matches(byte[] token, byte[] identity) {
        boolean ok = Hash.equal(tokenKey, token);
        if (identityKey != null) {
            ok &= Hash.equal(identityKey, identity);
        }
        return ok;
    }

    @Override
    public byte[] tokenKey() {
        return tokenKey.clone();
    }

    @Override
    public byte[] identityKey() {
        return identityKey == null ? null : identityKey.clone();
    }

    @Override
    public String toString() {
        return "Pin[" + Base64Url.encode(tokenKey) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pin p && java.util.Arrays.equals(tokenKey, p.tokenKey)
                && java.util.Arrays.equals(identityKey, p.identityKey);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(tokenKey);
    }
}
