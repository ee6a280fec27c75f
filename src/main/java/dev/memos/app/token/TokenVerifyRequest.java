package dev.memos.app.token;

/** A token to verify as skill {@code skill} would, accepting at most {@code maxDepth} delegation links. */
public record TokenVerifyRequest(String token, String skill, int maxDepth, boolean trustOnFirstUse) {
    @Override
    public String toString() {
        return "TokenVerifyRequest[skill=" + skill + ", maxDepth=" + maxDepth + "]"; // the bearer token stays out of logs
    }
}
