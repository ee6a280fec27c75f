package dev.memos.app.token;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A token for {@code skill}: from {@code issuer} (default: the only identity here), through {@code via}
 * skills; {@code withHead} embeds the acting issuer's freshly signed chain head (FORMAT.md §11.2).
 */
public record TokenIssueRequest(Optional<String> issuer, List<String> via, String skill, Duration ttl, List<String> scope,
                                boolean withHead) {
    public TokenIssueRequest(Optional<String> issuer, List<String> via, String skill, Duration ttl, List<String> scope) {
        this(issuer, via, skill, ttl, scope, false);
    }
}
