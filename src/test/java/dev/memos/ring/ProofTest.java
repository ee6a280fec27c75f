package dev.memos.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.error.MemosException;
import dev.memos.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProofTest {
    @TempDir
    Path home;
    @TempDir
    Path other;

    private static long now(RingFixture f) {
        return f.clock.instant().getEpochSecond();
    }

    private static void liveDays(RingFixture f, RingStore s, int days) {
        for (int d = 0; d < days; d++) {
            s.add("day " + d + " of a normal life", "note");
            f.clock.advance(Duration.ofDays(1));
        }
    }

    /** A checkpoint taken after {@code before} days of life, then a proof made {@code after} days later, verified against it. */
    private RingProofs.Check proofAgainstCheckpoint(int before, int after) {
        RingFixture f = new RingFixture(home);
        RingStore s = f.open();
        liveDays(f, s, before);
        SignedHead checkpoint = s.head();
        liveDays(f, s, after);
        return RingProofs.verifyProof(RingProofs.prove(s, "n"), "n", checkpoint, now(f));
    }

    @Test
    void proof_extends_an_older_checkpoint_of_the_same_chain() {
        RingProofs.Check c = proofAgainstCheckpoint(3, 5);
        assertTrue(c.ok(), c.problems().toString());
        assertEquals(RingVerifier.Standing.EXTENDS, c.standing());
    }

    @Test
    void proof_extends_a_months_old_checkpoint_by_month() {
        RingProofs.Check c = proofAgainstCheckpoint(40, 150);
        assertTrue(c.ok(), c.problems().toString());
        assertTrue(c.standing() == RingVerifier.Standing.EXTENDS_BY_MONTH || c.standing() == RingVerifier.Standing.EXTENDS);
    }

    @Test
    void rejects_a_stale_proof_older_than_the_known_checkpoint() {
        RingFixture f = new RingFixture(home);
        RingStore s = f.open();
        liveDays(f, s, 2);
        ObjectNode old = RingProofs.prove(s, "n");
        liveDays(f, s, 3);
        RingProofs.Check c = RingProofs.verifyProof(old, "n", s.head(), now(f));
        assertFalse(c.ok());
        assertEquals(RingVerifier.Standing.BEHIND, c.standing());
    }

    @Test
    void rejects_a_checkpoint_of_another_identity_key() {
        RingFixture f = new RingFixture(home);
        RingStore s = f.open();
        RingFixture g = new RingFixture(other, new MutableClock(RingFixture.START), RingFixture.seed(5));
        SignedHead foreign = g.open().head();
        RingProofs.Check c = RingProofs.verifyProof(RingProofs.prove(s, "n"), "n", foreign, now(f));
        assertFalse(c.ok());
        assertFalse(c.memoryOk());
    }

    @Test
    void rejects_a_proof_with_a_swapped_challenge_signature() {
        RingFixture f = new RingFixture(home);
        RingStore s = f.open();
        ObjectNode p1 = RingProofs.prove(s, "one");
        ObjectNode p2 = RingProofs.prove(s, "two");
        p1.set("challengeSignature", p2.get("challengeSignature"));
        assertFalse(RingProofs.verifyProof(p1, "one", null, now(f)).keyOk());
    }

    @Test
    void rejects_a_document_that_is_not_a_proof() {
        ObjectNode n = dev.memos.encoding.Json.mapper().createObjectNode().put("format", "something-else");
        assertThrows(MemosException.class, () -> RingProofs.verifyProof(n, null, null, 0));
    }

    @Test
    void local_verify_fails_for_a_quarantined_identity() {
        RingFixture f = new RingFixture(home);
        RingStore s = f.open();
        s.state.quarantine = s.quarantineNode("test");
        assertFalse(RingProofs.verifyLocal(s, null).ok());
    }

    @Test
    void quarantine_is_visible_without_keys() {
        RingFixture f = new RingFixture(home);
        f.open();
        assertFalse(RingStore.quarantinedAt(f.dir()));
    }
}
