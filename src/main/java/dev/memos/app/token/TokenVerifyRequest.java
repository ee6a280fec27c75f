package dev.memos.app.token;

/**
 * A token to verify as skill {@code skill} would, accepting at most {@code maxDepth} delegation links;
 * {@code minTrust} 10..100 requires the issuer's trust score, computed from a signed chain head, to be
 * at least that (0: no minimum).
 */
public record TokenVerifyRequest(String token, String skill, int maxDepth, boolean trustOnFirstUse, int minTrust) {
    public TokenVerifyRequest(String token, String skill, int maxDepth, boolean trustOnFirstUse) {
        this(token, skill, maxDepth, trustOnFirstUse, 0);
    }

    @Override
    public String toString() {
        return "TokenVerifyRequest[skill=" + skill + ", maxDepth=" + maxDepth + ", minTrust=" + minTrust + "]"; // the bearer token stays out of logs
    }
}
