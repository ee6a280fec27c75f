package dev.memos.identity;

import dev.memos.crypto.KeyFingerprint;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.util.Optional;

/**
 * The one answer to "which key signs for this ID?" that every verifying command asks before it
 * believes a proof, fork proof or token (FORMAT.md §13.1). In order: the identity stored in this
 * home, a pin, the ID's earliest validly signed inception record on Arweave. A presented key that
 * differs is {@link ErrorKind#KEY_MISMATCH}; no known key at all is {@link ErrorKind#UNVERIFIED_KEY}
 * unless the caller trusts it on first use, which pins it.
 */
public interface KnownKeys {
    /** The known key for {@code id}, from the first source that has one. */
    Optional<KnownKey> find(String id);

    /**
     * Checks that {@code id} signs with {@code key}: returns the known key it matched. With no known key
     * and {@code trustOnFirstUse}, pins {@code key} (origin {@code tofuOrigin}) and returns that pin.
     * Throws KEY_MISMATCH naming both fingerprints, or UNVERIFIED_KEY naming the presented one.
     */
    default KnownKey require(String id, SignatureAlgorithm alg, byte[] key, boolean trustOnFirstUse, String tofuOrigin) {
        Optional<KnownKey> known = find(id);
        if (known.isPresent()) {
            if (!known.get().matches(alg, key)) {
                throw mismatch(id, key, known.get());
            }
            return known.get();
        }
        if (trustOnFirstUse) {
            return pin(new KnownKey(id, alg, key, KnownKey.Source.PIN, tofuOrigin));
        }
        throw unverified(id, key);
    }

    /** Pins {@code key} unless a pin for its ID appeared meanwhile; the pin that holds is checked against it. */
    KnownKey pin(KnownKey key);

    static MemosException mismatch(String id, byte[] presented, KnownKey known) {
        return new MemosException(ErrorKind.KEY_MISMATCH, "key mismatch: " + id + " is signed here by key " + KeyFingerprint.of(presented)
                + ", but the key known for " + id + " is " + known.fingerprint() + " (" + known.describe() + "): refused");
    }

    static MemosException unverified(String id, byte[] presented) {
        return new MemosException(ErrorKind.UNVERIFIED_KEY, "unverified key: no key is known for " + id + " (no identity here,"
                + " no pin, no inception record); it presents key " + KeyFingerprint.of(presented) + ": compare it with its owner,"
                + " then pin it ('memos id pin " + id + " --from-proof F' or '--key K') or repeat with --trust-on-first-use");
    }

    static Builder builder() {
        return new Builder();
    }

    /** Sources are optional; a resolver with none knows no key. */
    final class Builder {
        IdentityStore identities;
        IdPins pins;
        InceptionRecords.Source inception;

        private Builder() {
        }

        /** Source 1: identities stored in this home. */
        public Builder identities(IdentityStore store) {
            this.identities = store;
            return this;
        }

        /** Source 2, and where trust-on-first-use writes. */
        public Builder pins(IdPins pins) {
            this.pins = pins;
            return this;
        }

        /** Source 3: inception records (Arweave GraphQL in the CLI). */
        public Builder inception(InceptionRecords.Source source) {
            this.inception = source;
            return this;
        }

        public KnownKeys build() {
            return new ResolvingKnownKeys(this);
        }
    }
}
