package dev.memos.app.identity;

import dev.memos.crypto.KeyFingerprint;
import dev.memos.encoding.Hex;
import dev.memos.error.MemosException;
import dev.memos.identity.KeyEvent;
import dev.memos.identity.KeyEventLog;
import dev.memos.audit.AuditLogs;
import dev.memos.ring.RingStore;
import java.nio.file.Files;
import java.time.Instant;
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

    /** {@code id rotate-key}: which identity. */
    public record RotateKeyRequest(MociId id) {
    }

    /**
     * The rotation that was written: {@code sequence} of the new event, the outgoing and the new key's
     * fingerprints, the new public key (hex), the commitment to the next key, and whether this rotation
     * started the log of an identity made before pre-rotation (protected by the old key alone).
     */
    public record KeyRotated(String id, int tier, long sequence, String previousFingerprint, String fingerprint,
                             String publicKey, String nextKeyCommitment, boolean startedLog, String rotatedAt) {
    }

    public KeyRotated rotateKey(RotateKeyRequest request) {
        MociId id = request.id();
        IdentityInfo before = store.require(id);
        // The memory chain binds its genesis and signed heads to one key and cannot follow a rotation yet:
        // rotating would lock the identity out of its own memory, so it is refused before anything changes.
        if (Files.exists(before.directory().resolve("rings").resolve(RingStore.FILE))) {
            throw MemosException.usage(id + " has a memory chain, which cannot follow a key rotation yet (its heads and proofs are "
                    + "bound to the current key): nothing was changed");
        }
        if (Files.exists(before.directory().resolve("audit").resolve(AuditLogs.CHECKPOINTS_FILE))) {
            throw MemosException.usage(id + " has audit checkpoints signed by its current key, which its log cannot carry across a "
                    + "rotation yet: nothing was changed");
        }
        IdentityInfo after = store.rotateKey(id, secrets);
        KeyEventLog log = store.keyEvents(id).orElseThrow();
        KeyEvent e = log.current();
        return new KeyRotated(id.toString(), after.tier().number(), e.seq(), KeyFingerprint.of(before.publicKey()),
                KeyFingerprint.of(after.publicKey()), Hex.encode(after.publicKey()), e.next(), log.inception().next() == null && e.seq() == 1,
                Instant.ofEpochSecond(e.at()).toString());
    }

    public PassphraseChanged changePassphrase(PassphraseRequest request) {
        IdentityInfo i = store.changePassphrase(request.id(), secrets);
        return new PassphraseChanged(i.id().toString(), i.tier().number(), KeyFingerprint.of(i.publicKey()), i.updated().toString());
    }
}
