package dev.memos.token;

import java.time.Duration;
import java.util.List;
import java.util.TreeSet;

/**
 * What to issue: {@code issuer} delegates through {@code via} (in order) to {@code skill}; the last
 * of them signs the token with its key for that skill. Scopes are a set (sorted, deduplicated here);
 * empty means "what the issuer's grants allow" (nothing, if it has none). With {@code embedHead} the
 * token carries a fresh signed chain head of the acting issuer, from which a verifier recomputes the
 * trust score offline.
 */
public record IssueRequest(String issuer, List<String> via, String skill, Duration ttl, List<String> scope, boolean embedHead) {
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(120);

    public IssueRequest {
        via = List.copyOf(via);
        scope = List.copyOf(new TreeSet<>(scope));
        ttl = ttl == null ? DEFAULT_TTL : ttl;
    }

    public IssueRequest(String issuer, List<String> via, String skill, Duration ttl, List<String> scope) {
        this(issuer, via, skill, ttl, scope, false);
    }

    public static IssueRequest of(String issuer, String skill) {
        return new IssueRequest(issuer, List.of(), skill, DEFAULT_TTL, List.of());
    }

    public IssueRequest withVia(List<String> hops) {
        return new IssueRequest(issuer, hops, skill, ttl, scope, embedHead);
    }

    public IssueRequest withTtl(Duration t) {
        return new IssueRequest(issuer, via, skill, t, scope, embedHead);
    }

    public IssueRequest withScope(List<String> s) {
        return new IssueRequest(issuer, via, skill, ttl, s, embedHead);
    }

    public IssueRequest withHead(boolean embed) {
        return new IssueRequest(issuer, via, skill, ttl, scope, embed);
    }
}
