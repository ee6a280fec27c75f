package dev.memos.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20 §2: one verifier run with the clock ahead must not reopen the replay window. Each run is a
 * fresh verifier on the same replay directory, as each {@code token verify} process is.
 */
class ReplayClockStepTest {
    private final TokenFixtures f = new TokenFixtures();
    private final List<String> events = new ArrayList<>();
    @TempDir
    Path dir;

    @BeforeEach
    void events() {
        events.clear();
    }

    private Verification run(String token) {
        try (TokenVerifier v = f.verifier().replayDirectory(dir).events((e, fields) -> events.add(e)).build()) {
            return v.verify(token);
        }
    }

    private Optional<RejectReason> reason(String token) {
        return run(token).reason();
    }

    private long bucketFiles() throws Exception {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".nonces")).count();
        }
    }

    @Test
    void a_malformed_token_with_the_clock_ahead_purges_nothing_and_the_used_token_stays_refused() throws Exception {
        String used = f.issueFull().compact();
        assertTrue(run(used).valid());
        f.clock.advance(Duration.ofMinutes(8));
        assertEquals(Optional.of(RejectReason.MALFORMED), reason("cit1.x.y"));
        assertEquals(1, bucketFiles(), "a run that rejected its token unverified must not purge");
        f.clock.advance(Duration.ofMinutes(-8));
        assertEquals(Optional.of(RejectReason.REPLAYED_NONCE), reason(used));
    }

    @Test
    void a_purge_with_the_clock_ahead_refuses_the_used_token_as_replay_window_passed() throws Exception {
        String used = f.issueFull().compact();
        assertTrue(run(used).valid());
        f.clock.advance(Duration.ofMinutes(8));
        assertTrue(run(f.issueFull().compact()).valid(), "a valid token with the clock ahead purges the old bucket");
        assertTrue(Files.exists(dir.resolve(ReplayMark.FILE)), "the mark is persisted");
        f.clock.advance(Duration.ofMinutes(-8));
        assertEquals(Optional.of(RejectReason.REPLAY_WINDOW_PASSED), reason(used));
    }

    @Test
    void a_clock_back_past_the_mark_is_reported_once_and_tokens_stay_refused() {
        String used = f.issueFull().compact();
        String unused = f.issueFull().compact();
        assertTrue(run(used).valid());
        f.clock.advance(Duration.ofMinutes(8));
        assertTrue(run(f.issueFull().compact()).valid());
        f.clock.advance(Duration.ofMinutes(-8));
        Verification first = run(unused);
        assertEquals(Optional.of(RejectReason.REPLAY_WINDOW_PASSED), first.reason());
        assertTrue(first.detail().contains("behind"), first.detail());
        assertEquals(1, events.stream().filter(TokenEvents.CLOCK_BEHIND::equals).count());
        events.clear();
        Verification second = run(used);
        assertEquals(Optional.of(RejectReason.REPLAY_WINDOW_PASSED), second.reason());
        assertFalse(second.detail().contains("behind"), "reported once: " + second.detail());
        assertFalse(events.contains(TokenEvents.CLOCK_BEHIND));
    }

    @Test
    void tokens_issued_after_the_clock_caught_up_verify_again() {
        assertTrue(run(f.issueFull().compact()).valid());
        f.clock.advance(Duration.ofMinutes(8));
        assertTrue(run(f.issueFull().compact()).valid());
        f.clock.advance(Duration.ofMinutes(1));
        assertTrue(run(f.issueFull().compact()).valid(), "with a sane clock, tokens beyond the mark are fine");
    }

    @Test
    void a_bad_signature_with_the_clock_ahead_purges_nothing() throws Exception {
        String used = f.issueFull().compact();
        assertTrue(run(used).valid());
        f.clock.advance(Duration.ofMinutes(8));
        String fresh = f.issueFull().compact();
        String forged = fresh.substring(0, fresh.length() - 2) + (fresh.endsWith("AA") ? "BA" : "AA");
        assertTrue(run(forged).reason().isPresent());
        assertEquals(1, bucketFiles());
        assertFalse(Files.exists(dir.resolve(ReplayMark.FILE)));
    }
}
