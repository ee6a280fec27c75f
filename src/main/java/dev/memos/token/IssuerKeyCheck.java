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

    /** The verdict on a chain: a rejection, or acceptance and the identity links whose keys a valid token pins. */
    record Verdict(Verification rejection, java.util.List<DelegationLink> pinOnSuccess) {
        boolean pinsIssuer() {
            return !pinOnSuccess.isEmpty();
        }
    }

    /**
     * Binds every identity of the delegation path, not only the issuer (issue 20): each link's
     * delegator that is an ID must present the key known for it. {@code Li.from} carries the key
     * {@code L(i-1).to} was granted (byte-equal, §11.3), so checking every {@code from} covers every
     * identity on the path. A token pin of (aud, iss) stands in for the issuer only.
     */
    Verdict check(java.util.List<DelegationLink> chain, Pin tokenPin) {
        java.util.List<DelegationLink> toPin = new java.util.ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            DelegationLink l = chain.get(i);
            boolean issuer = i == chain.size() - 1;
            if (!issuer && !dev.memos.identity.IdValidation.check(l.from()).valid()) {
                continue; // a human or wallet root: no identity key to bind
            }
            String who = issuer ? l.from() : l.from() + " (link " + (i + 1) + " of the delegation path)";
            Optional<KnownKey> known;
            try {
                known = keys.find(l.from());
            } catch (MemosException e) {
                return new Verdict(Verification.rejected(RejectReason.UNVERIFIED_KEY, "the key of " + who
                        + " could not be established: " + e.getMessage()), java.util.List.of());
            }
            if (known.isPresent() && !known.get().matches(l.fromAlg(), l.rawFromKey())) {
                return new Verdict(Verification.rejected(RejectReason.KEY_MISMATCH, who + " is signed here by identity key "
                        + KeyFingerprint.of(l.rawFromKey()) + ", but the key known for it is " + known.get().fingerprint()
                        + " (" + known.get().describe() + ")"), java.util.List.of());
            }
            boolean standsIn = issuer && tokenPin != null;
            if (known.isEmpty() && !standsIn && !trustUnknown) {
                return new Verdict(Verification.rejected(RejectReason.UNVERIFIED_KEY, "no key is known for " + who
                        + "; it presents identity key " + KeyFingerprint.of(l.rawFromKey())
                        + ": pin it ('memos id pin') or trust it on first use (--trust-on-first-use)"), java.util.List.of());
            }
            if (known.isEmpty() && !standsIn) {
                toPin.add(l);
            }
        }
        return new Verdict(null, toPin);
    }

    /** The origin an identity pin written on first use records (FORMAT.md §13.4). */
    static String origin(String audience) {
        return "trust on first use of a token for " + audience;
    }

    /** Pins the identity keys of a fully valid token; null, or a rejection if another key was pinned meanwhile. */
    Verification pin(java.util.List<DelegationLink> links, String audience) {
        for (DelegationLink l : links) {
            try {
                keys.pin(new KnownKey(l.from(), l.fromAlg(), l.rawFromKey(), KnownKey.Source.PIN, origin(audience)));
            } catch (MemosException e) {
                return Verification.rejected(RejectReason.KEY_MISMATCH, e.getMessage());
            }
        }
        return null;
    }
}
