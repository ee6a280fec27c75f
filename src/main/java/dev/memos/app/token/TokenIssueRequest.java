package dev.memos.app.token;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A token for {@code skill}: from {@code issuer} (default: the only identity here), through {@code via} skills. */
public record TokenIssueRequest(Optional<String> issuer, List<String> via, String skill, Duration ttl, List<String> scope) {
}
