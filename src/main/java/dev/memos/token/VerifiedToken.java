package dev.memos.token;

import java.time.Instant;
import java.util.List;

/**
 * What an accepted token proves: who acts ({@code mociId}, the last delegator before the skill), its
 * trust score, the scopes it may use and the full authority path, root first, ending at the skill
 * (e.g. human → CW-NOVA → CW-APEX → skill:weather).
 */
public record VerifiedToken(String mociId, String audience, int trustScore, List<String> scope,
                            List<String> delegationChain, Instant issuedAt, Instant expiresAt, String trustSource) {
    /** {@code trustSource}: the score is only the issuer's claim. */
    public static final String CLAIMED = "claimed";

    public VerifiedToken {
        scope = List.copyOf(scope);
        delegationChain = List.copyOf(delegationChain);
    }

    public VerifiedToken(String mociId, String audience, int trustScore, List<String> scope, List<String> delegationChain,
                         Instant issuedAt, Instant expiresAt) {
        this(mociId, audience, trustScore, scope, delegationChain, issuedAt, expiresAt, CLAIMED);
    }

    /** Whether the verifier computed the trust score from a signed chain head (embedded or published), not just read the claim. */
    public boolean trustComputed() {
        return !CLAIMED.equals(trustSource);
    }

    public boolean hasScope(String s) {
        return scope.contains(s);
    }
}
