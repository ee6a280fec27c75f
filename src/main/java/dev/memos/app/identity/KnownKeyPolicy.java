package dev.memos.app.identity;

import dev.memos.arweave.InceptionFinder;
import dev.memos.arweave.Network;
import dev.memos.config.MemosHome;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.identity.IdPins;
import dev.memos.identity.IdentityStore;
import dev.memos.identity.KnownKey;
import dev.memos.identity.KnownKeys;
import java.util.Optional;

/**
 * Which key a verdict rests on (docs/ARCHITECTURE.md, known keys): this home's identities, then its
 * pins, then the earliest inception record on the profile's network; and what happens when none
 * knows the ID (refused, or pinned on first use once everything else verified).
 */
public final class KnownKeyPolicy {
    private KnownKeyPolicy() {
    }

    /** The resolver of the verifying commands (id verify-proof, check-fork, resolve-fork, token verify). */
    public static KnownKeys resolver(MemosHome home, IdentityStore store, Network network) {
        return KnownKeys.builder().identities(store).pins(IdPins.of(home)).inception(InceptionFinder.of(network)).build();
    }

    /**
     * The key check before a verdict: a known key that differs is KEY_MISMATCH; no known key is
     * UNVERIFIED_KEY unless {@code tofu}. Returns the known key, or empty when {@code tofu} will pin the
     * presented one once the rest verified ({@link #pinAfterSuccess}).
     */
    public static Optional<KnownKey> check(KnownKeys keys, String id, SignatureAlgorithm alg, byte[] key, boolean tofu) {
        Optional<KnownKey> known = keys.find(id);
        if (known.isPresent() && !known.get().matches(alg, key)) {
            throw KnownKeys.mismatch(id, key, known.get());
        }
        if (known.isEmpty() && !tofu) {
            throw KnownKeys.unverified(id, key);
        }
        return known;
    }

    /** Trust on first use, once everything else verified: pins the key (refused if another was pinned meanwhile). */
    public static KnownKey pinAfterSuccess(KnownKeys keys, Optional<KnownKey> known, String id, SignatureAlgorithm alg, byte[] key,
                                           String origin) {
        return known.orElseGet(() -> keys.pin(new KnownKey(id, alg, key, KnownKey.Source.PIN, origin)));
    }
}
