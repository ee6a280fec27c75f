package dev.memos.app.identity;

import dev.memos.crypto.KeyFingerprint;
import dev.memos.identity.IdentityInfo;
import dev.memos.identity.IdentityStore;
import dev.memos.identity.MociId;
import dev.memos.identity.SecretSource;
import java.util.Objects;

/**
 * The identity use cases that change how the key is held: {@code id passphrase} (re-wrap a tier-2 key
 * under a new passphrase) and {@code id rotate-key} (pre-rotation, FORMAT.md §13.6). The policy (which
 * tiers, which secrets, what is refused) lives in the store's operations this calls; the secrets come
 * from the source the front end gives (environment or a no-echo prompt, never argv).
 */
public final class IdentityKeyService {
    private final IdentityStore store;
    private final SecretSource secrets;

    private IdentityKeyService(Builder b) {
        this.store = Objects.requireNonNull(b.store, "store");
        this.secrets = Objects.requireNonNull(b.secrets, "secrets");
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private IdentityStore store;
        private SecretSource secrets;

        public Builder store(IdentityStore store) {
            this.store = store;
            return this;
        }

        /** The current passphrase (IDENTITY_PASSPHRASE), the new one (REPLACEMENT_PASSPHRASE), the HSM PIN. */
        public Builder secrets(SecretSource secrets) {
            this.secrets = secrets;
            return this;
        }

        public IdentityKeyService build() {
            return new IdentityKeyService(this);
        }
    }

    /** {@code id passphrase}: which identity. */
    public record PassphraseRequest(MociId id) {
    }

    /** The key is the same; only its wrapping changed ({@code fingerprint} shows it). */
    public record PassphraseChanged(String id, int tier, String fingerprint, String updated) {
    }

    public PassphraseChanged changePassphrase(PassphraseRequest request) {
        IdentityInfo i = store.changePassphrase(request.id(), secrets);
        return new PassphraseChanged(i.id().toString(), i.tier().number(), KeyFingerprint.of(i.publicKey()), i.updated().toString());
    }
}
