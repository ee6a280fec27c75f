package dev.memos.identity;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.util.Optional;

/** {@link KnownKeys} over the home's identities, then pins, then inception records. */
final class ResolvingKnownKeys implements KnownKeys {
    private final IdentityStore identities;
    private final IdPins pins;
    private final InceptionRecords.Source inception;

    ResolvingKnownKeys(KnownKeys.Builder b) {
        this.identities = b.identities;
        this.pins = b.pins;
        this.inception = b.inception;
    }

    @Override
    public Optional<KnownKey> find(String id) {
        if (!IdValidation.check(id).valid()) {
            return Optional.empty(); // not an identity ID (a principal such as human:…): nothing can be known
        }
        if (identities != null) {
            Optional<IdentityInfo> local = identities.info(MociId.parse(id));
            if (local.isPresent()) {
                return Optional.of(new KnownKey(id, local.get().algorithm(), local.get().publicKey(), KnownKey.Source.HOME,
                        "state " + local.get().state().id()));
            }
            if (identities.isTombstoned(MociId.parse(id))) {
                // Revoked or deleted here: its key is gone, and no pin or record may bring another one in.
                throw MemosException.integrity(id + " was revoked or deleted in this home: nothing it signs is accepted here");
            }
        }
        if (pins != null) {
            Optional<KnownKey> pinned = pins.get(id);
            if (pinned.isPresent()) {
                return pinned;
            }
        }
        if (inception != null) {
            return inceptionKey(id);
        }
        return Optional.empty();
    }

    /**
     * Source 3. A lookup that fails (gateway down, a listed record not served) leaves the key unknown,
     * and is not "no record exists": trusting a key on first use now could pin a key other than the
     * one the ID published, so it is an UNVERIFIED_KEY error, which refuses first use too.
     */
    private Optional<KnownKey> inceptionKey(String id) {
        try {
            return InceptionRecords.earliest(id, inception).map(f -> new KnownKey(id, f.record().algorithm(),
                    f.record().publicKey(), KnownKey.Source.INCEPTION, "tx " + f.txId() + ", block " + f.height()));
        } catch (MemosException e) {
            if (e.kind() != ErrorKind.NETWORK) {
                throw e;
            }
            throw new MemosException(ErrorKind.UNVERIFIED_KEY, "no key is known for " + id + " here, and its inception record"
                    + " could not be looked up (" + e.getMessage() + "); pin its key with 'memos id pin'", e);
        }
    }

    @Override
    public KnownKey pin(KnownKey key) {
        if (pins == null) {
            throw new MemosException(ErrorKind.UNVERIFIED_KEY, "no pin store: cannot trust " + key.id() + " on first use");
        }
        KnownKey holding = pins.putIfAbsent(key);
        if (!holding.matches(key.algorithm(), key.publicKey())) {
            throw KnownKeys.mismatch(key.id(), key.publicKey(), holding);
        }
        return holding;
    }
}
