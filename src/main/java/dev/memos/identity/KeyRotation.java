package dev.memos.identity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.Passphrase;
import dev.memos.crypto.SecretBytes;
import dev.memos.error.MemosException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Pre-rotation for tiers 1 and 2 (FORMAT.md §13.6): a new identity gets its next key and an inception
 * committing to it; {@code id rotate-key} reveals that key, commits to a fresh one and signs the
 * rotation with the outgoing key; {@code id passphrase} re-wraps both. Every result is one new
 * identity record, saved by the store's two-copy atomic save, so the old record (with the old key)
 * stays whole until the new one (with the new key) is durable.
 */
final class KeyRotation {
    /** Seals a seed as the tier stores it (device key or passphrase), under the given AAD. */
    @FunctionalInterface
    interface Wrapper {
        ObjectNode wrap(SecretBytes seed, byte[] aad);
    }

    /** What a new identity starts with: its key, the wrapped current and next keys, and the log. */
    record Fresh(byte[] publicKey, ObjectNode key, ObjectNode nextKey, ArrayNode keyEvents) {
    }

    private KeyRotation() {
    }

    static Wrapper wrapper(FileIdentityStore store, MociId id, Tier tier, Passphrase passphrase) {
        return tier == Tier.DEVICE
                ? (seed, aad) -> KeyWrap.wrapDevice(seed, store.deviceKey(), id, aad, store.cfg.random)
                : (seed, aad) -> KeyWrap.wrapPassphrase(seed, passphrase, store.cfg.identityKdf, aad, store.cfg.random);
    }

    static Fresh fresh(MociId id, Wrapper wrap, long now) {
        // Ed25519.close wipes the seeds it hands out.
        try (Ed25519 k = Ed25519.generate(); Ed25519 next = Ed25519.generate()) {
            KeyEventLog log = KeyEventLog.verify(List.of(KeyEvent.inception(id, k, next.publicKey(), now)));
            return new Fresh(k.publicKey(), wrap.wrap(k.seed(), KeyWrap.aad(id)), wrap.wrap(next.seed(), KeyWrap.nextAad(id)), log.toJson());
        }
    }

    /** The rotated record of {@code r}; the caller holds the lock and saves it. */
    static IdentityRecord rotate(FileIdentityStore store, IdentityRecord r, SecretSource secrets, long now) {
        MociId id = r.id();
        if (!r.state().usable()) {
            throw MemosException.auth(id + " is " + r.state().id() + ": its key cannot be rotated");
        }
        if (r.tier() == Tier.HSM) {
            throw MemosException.usage(id + " is tier 3: rotating a key inside the HSM token is not supported yet");
        }
        try (Passphrase pass = r.tier() == Tier.PASSPHRASE ? secrets.get(SecretSource.Kind.IDENTITY_PASSPHRASE, id.toString()) : null) {
            Supplier<Passphrase> again = () -> Passphrase.adopt(pass.chars());
            try (SecretBytes seed = KeyWrap.unwrap(r.key(), id, store.deviceKey(), again); Ed25519 outgoing = Ed25519.fromSeed(seed)) {
                if (!Arrays.equals(outgoing.publicKey(), r.publicKey())) {
                    throw MemosException.integrity("the key of " + id + " does not match its public key: restore from backup");
                }
                Optional<KeyEventLog> existing = r.keyLog();
                // An identity made before pre-rotation starts its log here: an uncommitted inception, so this
                // first rotation is protected by the current key alone (FORMAT §13.6).
                KeyEventLog log = existing.orElseGet(() -> KeyEventLog.verify(List.of(KeyEvent.inception(id, outgoing, null, now))));
                long at = Math.max(now, log.current().at());
                try (Ed25519 incoming = existing.isPresent() ? committed(store, r, again) : Ed25519.generate();
                     Ed25519 after = Ed25519.generate()) {
                    // append() re-checks the rotation: a stored next key that does not match the commitment is refused here.
                    KeyEventLog grown = log.append(KeyEvent.rotation(log.current(), outgoing, incoming.publicKey(), after.publicKey(), at));
                    Wrapper wrap = wrapper(store, id, r.tier(), pass);
                    return r.rotated(incoming.publicKey(), wrap.wrap(incoming.seed(), KeyWrap.aad(id)),
                            wrap.wrap(after.seed(), KeyWrap.nextAad(id)), grown, now);
                }
            }
        }
    }

    private static Ed25519 committed(FileIdentityStore store, IdentityRecord r, Supplier<Passphrase> again) {
        try (SecretBytes s = KeyWrap.unwrap(r.nextKey(), r.id(), KeyWrap.nextAad(r.id()), store.deviceKey(), again)) {
            return Ed25519.fromSeed(s);
        }
    }

    /** Export, tier 1: {@code seed ‖ next seed} (64 bytes); closes {@code seed}. */
    static SecretBytes withNextSeed(SecretBytes seed, FileIdentityStore store, IdentityRecord r) {
        try (seed; SecretBytes next = KeyWrap.unwrap(r.nextKey(), r.id(), KeyWrap.nextAad(r.id()), store.deviceKey(), () -> {
            throw new IllegalStateException("tier 1 needs no passphrase");
        })) {
            byte[] a = seed.reveal();
            byte[] b = next.reveal();
            byte[] both = Arrays.copyOf(a, 64);
            System.arraycopy(b, 0, both, 32, 32);
            Arrays.fill(a, (byte) 0);
            Arrays.fill(b, (byte) 0);
            return SecretBytes.adopt(both);
        }
    }

    /** Import, tier 1: the {@code index}-th 32-byte seed of the export's secret. */
    static SecretBytes part(SecretBytes secret, int index) {
        byte[] all = secret.reveal();
        try {
            return SecretBytes.adopt(Arrays.copyOfRange(all, 32 * index, 32 * index + 32));
        } finally {
            Arrays.fill(all, (byte) 0);
        }
    }

    /** Import, tier 1: the next seed re-wrapped for this device, after checking it is the key the log committed to. */
    static ObjectNode wrapCommitted(SecretBytes next, IdentityRecord r, dev.memos.crypto.DeviceKey dk, java.security.SecureRandom random) {
        try (Ed25519 k = Ed25519.fromSeed(next)) {
            KeyEventLog log = r.keyLog().orElseThrow();
            if (!KeyEvent.commitment(log.algorithm(), k.publicKey()).equals(log.current().next())) {
                throw MemosException.integrity("the export's next key of " + r.id() + " does not match its key event log: refused");
            }
            return KeyWrap.wrapDevice(next, dk, r.id(), KeyWrap.nextAad(r.id()), random);
        }
    }

    /** {@code id passphrase}: refusals, then each secret asked once; the old passphrase must open the key before the new one is asked. */
    static IdentityRecord changePassphrase(FileIdentityStore store, IdentityRecord r, SecretSource secrets, long now) {
        MociId id = r.id();
        if (r.tier() != Tier.PASSPHRASE) {
            throw MemosException.usage(id + " is tier " + r.tier().number() + ": only tier-2 identities have a passphrase");
        }
        if (r.state() == IdentityState.REVOKED) {
            throw MemosException.auth(id + " is revoked: its key can no longer be used");
        }
        try (Passphrase old = secrets.get(SecretSource.Kind.IDENTITY_PASSPHRASE, id.toString())) {
            KeyWrap.unwrap(r.key(), id, store.deviceKey(), () -> Passphrase.adopt(old.chars())).close();
            try (Passphrase p = secrets.get(SecretSource.Kind.REPLACEMENT_PASSPHRASE, id.toString())) {
                KeyWrap.requireStrong(p);
                return rewrap(store, r, old, p, now);
            }
        }
    }

    /** {@code id passphrase}: the same key (and next key) under {@code next}; {@code old} must open them. */
    static IdentityRecord rewrap(FileIdentityStore store, IdentityRecord r, Passphrase old, Passphrase next, long now) {
        MociId id = r.id();
        Supplier<Passphrase> again = () -> Passphrase.adopt(old.chars());
        Wrapper wrap = wrapper(store, id, Tier.PASSPHRASE, next);
        try (SecretBytes seed = KeyWrap.unwrap(r.key(), id, store.deviceKey(), again); Ed25519 k = Ed25519.fromSeed(seed)) {
            if (!Arrays.equals(k.publicKey(), r.publicKey())) {
                throw MemosException.integrity("the key of " + id + " does not match its public key: restore from backup");
            }
            ObjectNode nextKey = null;
            if (r.nextKey() != null) {
                try (SecretBytes ns = KeyWrap.unwrap(r.nextKey(), id, KeyWrap.nextAad(id), store.deviceKey(), again)) {
                    nextKey = wrap.wrap(ns, KeyWrap.nextAad(id));
                }
            }
            return r.withKeys(wrap.wrap(seed, KeyWrap.aad(id)), nextKey, now);
        }
    }
}
