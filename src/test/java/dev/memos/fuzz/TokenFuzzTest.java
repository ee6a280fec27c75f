package dev.memos.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.memos.token.TokenVerifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A capability token is presented by whoever calls a skill: the verifier must answer accept/reject
 * for every string (Verification) or a MemosException, and nothing else. Seeds: vectors/token.
 */
class TokenFuzzTest {
    /** "now" of the token vectors (vectors/token/accept.json), so seeded tokens reach the deep checks. */
    static final Clock AT_VECTORS = Clock.fixed(Instant.ofEpochSecond(1767225600L), ZoneOffset.UTC);

    @FuzzTest(maxDuration = "30s")
    void tokens_verify_or_reject_cleanly(FuzzedDataProvider data) {
        String token = data.consumeRemainingAsString();
        try (TokenVerifier v = TokenVerifier.builder("skill:weather").clock(AT_VECTORS).pinOnFirstUse(false).build()) {
            Fuzz.cleanly(() -> v.verify(token));
        }
    }

    /** With a minimum trust the embedded chain head is parsed and scored too (FORMAT.md §11.5 step 10b). */
    @FuzzTest(maxDuration = "30s")
    void tokens_checked_for_a_minimum_trust_verify_or_reject_cleanly(FuzzedDataProvider data) {
        String token = data.consumeRemainingAsString();
        try (TokenVerifier v = TokenVerifier.builder("skill:weather").clock(AT_VECTORS).pinOnFirstUse(false).minTrust(10).build()) {
            Fuzz.cleanly(() -> v.verify(token));
        }
    }
}
