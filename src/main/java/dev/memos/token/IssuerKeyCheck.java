package dev.memos.token;

import dev.memos.crypto.KeyFingerprint;
import dev.memos.error.MemosException;
import dev.memos.identity.KnownKey;
import dev.memos.identity.KnownKeys;
import java.util.Optional;

/**
 * Step 10a of FORMAT.md §11.5: the issuer's identity key (the last link's {@code fromKey}) must be the
 * key known for {@code iss} ({@link KnownKeys}); with none known, a token pin (set by hand or on an
 * earlier first use) stands in, and otherwise the token is refused unless unknown issuers are trusted
 * on first use, in which case a fully valid token pins the identity key.
 */
final class IssuerKeyCheck {
    private final KnownKeys keys;
    private final boolean trustUnknown;

    IssuerKeyCheck(KnownKeys keys, boolean trustUnknown) {
        this.keys = keys;
        this.trustUnknown = trustUnknown;
    }

    /** The verdict on one issuer: a rejection, or acceptance and whether a valid token pins its key. */
    record Verdict(Verification rejection, boolean pinOnSuccess) {
    }

    Verdict check(String iss, DelegationLink last, Pin tokenPin) {
        Optional<KnownKey> known;
        try {
            known = keys.find(iss);
        } catch (MemosException e) {
            return new Verdict(Verification.rejected(RejectReason.UNVERIFIED_KEY, "the key of " + iss
                    + " could not be established: " + e.getMessage()), false);
        }
        if (known.isPresent() && !known.get().matches(last.fromAlg(), last.rawFromKey())) {
            return new Verdict(Verification.rejected(RejectReason.KEY_MISMATCH, iss + " is signed here by identity key "
                    + KeyFingerprint.of(last.rawFromKey()) + ", but the key known for it is " + known.get().fingerprint()
                    + " (" + known.get().describe() + ")"), false);
        }
        if (known.isEmpty() && tokenPin == null && !trustUnknown) {
            return new Verdict(Verification.rejected(RejectReason.UNVERIFIED_KEY, "no key is known for " + iss
                    + "; it presents identity key " + KeyFingerprint.of(last.rawFromKey())
                    + ": pin it ('memos id pin') or trust it on first use (--trust-on-first-use)"), false);
        }
        return new Verdict(null, known.isEmpty() && tokenPin == null);
    }

    /** Pins the identity key of a fully valid token; null, or a rejection if another key was pinned meanwhile. */
    Verification pin(String iss, DelegationLink last, String audience) {
        try {
            keys.pin(new KnownKey(iss, last.fromAlg(), last.rawFromKey(), KnownKey.Source.PIN,
                    "trust on first use of a token for " + audience));
            return null;
        } catch (MemosException e) {
            return Verification.rejected(RejectReason.KEY_MISMATCH, e.getMessage());
        }
    }
}
