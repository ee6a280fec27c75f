package dev.memos.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustScoreTest {
    @TempDir
    Path home;

    @Test
    void a_fresh_identity_is_new_with_score_10() {
        TrustScore t = new RingFixture(home).open().trust();
        assertEquals(10, t.score());
        assertEquals("New", t.tier());
    }

    @Test
    void ten_months_of_uninterrupted_chain_reach_core() {
        RingFixture f = new RingFixture(home);
        RingStore s = f.open();
        for (int day = 0; day <= 305; day++) {
            s.add("Day " + day + ": worked with the team on release " + day + ".", "note");
            f.clock.advance(Duration.ofDays(1));
        }
        TrustScore t = s.trust();
        assertEquals(0, t.gaps(), t.parts().toString());
        assertTrue(t.score() >= 90, t.parts().toString());
        assertEquals("Core", t.tier());
        assertEquals(t.score(), RingProofs.verifyProof(RingProofs.prove(s, "c"), "c", null,
                f.clock.instant().getEpochSecond()).trust().score(), "a verifier computes the same score from the proof");
    }

    @Test
    void a_month_without_activity_is_an_interruption_that_blocks_core() {
        RingFixture f = new RingFixture(home);
        RingStore s = f.open();
        for (int day = 0; day <= 330; day++) {
            if (day < 100 || day > 175) {
                s.add("Day " + day + " memory.", "note");
            }
            f.clock.advance(Duration.ofDays(1));
        }
        TrustScore t = s.trust();
        assertTrue(t.gaps() >= 1, t.parts().toString());
        assertTrue(t.score() <= 89, t.parts().toString());
    }

    @Test
    void tiers_follow_the_seed_table() {
        assertEquals("New", TrustScore.compute(0, 0, 0, 0, false).tier());
        assertEquals("New", TrustScore.compute(29, 0, 0, 0, false).tier());
        assertEquals("Established", TrustScore.compute(30, 0, 0, 0, false).tier());
        assertEquals("Trusted", TrustScore.compute(90, 0, 0, 0, false).tier());
        assertEquals("Veteran", TrustScore.compute(180, 0, 0, 0, false).tier());
        assertEquals("Core", TrustScore.compute(300, 0, 0, 0, false).tier());
        assertEquals(100, TrustScore.compute(5000, 0, 0, 0, false).score());
        assertEquals(89, TrustScore.compute(5000, 1, 0, 0, false).score());
        assertEquals(10, TrustScore.compute(5000, 0, 0, 0, true).score());
    }
}
