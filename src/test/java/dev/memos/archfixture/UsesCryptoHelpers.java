package dev.memos.archfixture;

import dev.memos.crypto.Hash;

/** Keeps the rules: hashes through dev.memos.crypto.Hash (the rules must pass on it). */
public final class UsesCryptoHelpers {
    private UsesCryptoHelpers() {
    }

    public static byte[] sha256(byte[] b) {
        return Hash.sha256(b);
    }
}
