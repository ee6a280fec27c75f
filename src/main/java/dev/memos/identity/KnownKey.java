package dev.memos.identity;

import dev.memos.crypto.KeyFingerprint;
import dev.memos.crypto.SignatureAlgorithm;
import java.util.Arrays;

/**
 * The key a verifier holds for an ID and where it came from. Proofs, fork proofs and tokens of that
 * ID are accepted only when signed by this key ({@link KnownKeys}).
 */
public record KnownKey(String id, SignatureAlgorithm algorithm, byte[] publicKey, Source source, String origin) {
    /** Where a known key comes from, in the order they are consulted. */
    public enum Source {
        HOME("this home's identity"),
        PIN("pin"),
        INCEPTION("inception record on Arweave");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public KnownKey {
        publicKey = publicKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String fingerprint() {
        return KeyFingerprint.of(publicKey);
    }

    /** Same algorithm and key bytes (constant time over the key). */
    public boolean matches(SignatureAlgorithm alg, byte[] key) {
        return algorithm == alg & dev.memos.crypto.Hash.equal(publicKey, key);
    }

    /** "this home's identity", "pin (from proof, 2026-12-03)", "inception record on Arweave (tx …)". */
    public String describe() {
        return source.label() + (origin == null || origin.isEmpty() ? "" : " (" + origin + ")");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KnownKey k && id.equals(k.id) && algorithm == k.algorithm && Arrays.equals(publicKey, k.publicKey)
                && source == k.source;
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "KnownKey[" + id + " " + fingerprint() + " " + source.code() + "]";
    }
}
