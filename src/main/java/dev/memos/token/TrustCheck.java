package dev.memos.token;

import dev.memos.crypto.Hash;
import dev.memos.crypto.KeyFingerprint;
import dev.memos.error.MemosException;
import dev.memos.ring.SignedHead;
import dev.memos.ring.TrustScore;
import java.util.Optional;

/**
 * Step 10b of FORMAT.md §11.5: the verifier computes the issuer's trust score itself, from a v2 signed
 * chain head of the issuer (the one the token embeds, or the newest one published for it), instead of
 * believing the number the token claims. The head must be the issuer's own: its ID, and the identity
 * key the token's last link acts with (which step 10a bound to the known key).
 */
final class TrustCheck {
    /** The score a token was accepted with, and which head it came from ({@code embedded}, {@code published}). */
    record Outcome(Verification rejection, TrustScore computed, String source) {
    }

    private final int minTrust;
    private final HeadSource published;

    TrustCheck(int minTrust, HeadSource published) {
        this.minTrust = minTrust;
        this.published = published;
    }

    /** Null when nothing is to check: no minimum and no embedded head (the claim is then only a claim). */
    Outcome check(CitToken t, DelegationLink last) {
        if (minTrust == 0 && t.head() == null) {
            return null;
        }
        SignedHead head = null;
        String source = null;
        if (t.head() != null) {
            String bad = foreign(t.head(), t.issuer(), last);
            if (bad != null) {
                return reject(RejectReason.BAD_TRUST_HEAD, "the chain head in the token " + bad);
            }
            head = t.head();
            source = "embedded";
        }
        String note = "";
        if (minTrust > 0 && published != null) {
            try {
                Optional<SignedHead> p = published.newest(t.issuer(), last.fromAlg(), last.rawFromKey());
                // the source filters by tag, key and signature already; checked again so no source is trusted blindly
                if (p.isPresent() && foreign(p.get(), t.issuer(), last) == null
                        && (head == null || p.get().trust().asOf() > head.trust().asOf())) {
                    head = p.get();
                    source = "published";
                }
            } catch (MemosException e) {
                note = " (the heads published for it could not be read: " + e.getMessage() + ")";
            }
        }
        if (head == null) {
            return reject(RejectReason.NO_TRUST_HEAD, "a trust of at least " + minTrust + " is required, but the token carries no chain head of "
                    + t.issuer() + " and none is published for it" + note + ": ask the issuer for a token made with 'token issue --with-head'");
        }
        TrustScore computed = TrustScore.fromHead(head, t.issuedAt());
        if (computed.score() != t.trustScore()) {
            return reject(RejectReason.TRUST_MISMATCH, "claimed trust " + t.trustScore() + " but the " + source + " chain head of "
                    + t.issuer() + " gives " + computed.score());
        }
        if (computed.score() < minTrust) {
            return reject(RejectReason.TRUST_BELOW_MINIMUM, t.issuer() + " has trust " + computed.score() + " (" + computed.tier()
                    + ", from its " + source + " chain head), below the minimum " + minTrust);
        }
        return new Outcome(null, computed, source);
    }

    /** Why {@code h} is not a v2 head of {@code issuer} signed by the key of the token's last link; null when it is. */
    private static String foreign(SignedHead h, String issuer, DelegationLink last) {
        if (!h.id().equals(issuer)) {
            return "belongs to " + h.id() + ", not to the issuer " + issuer;
        }
        if (h.algorithm() != last.fromAlg() || !Hash.equal(h.publicKey(), last.rawFromKey())) {
            return "is signed for identity key " + KeyFingerprint.of(h.publicKey()) + ", but " + issuer + " acts here with "
                    + KeyFingerprint.of(last.rawFromKey());
        }
        if (!h.signatureValid()) {
            return "does not verify under " + issuer + "'s key (forged or altered)";
        }
        if (h.trust() == null) {
            return "is a " + SignedHead.FORMAT + " head, which commits to no trust inputs";
        }
        return null;
    }

    private static Outcome reject(RejectReason r, String detail) {
        return new Outcome(Verification.rejected(r, detail), null, null);
    }
}
