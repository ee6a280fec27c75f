package dev.memos.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.encoding.Json;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's clone scenario and its dual-factor table. */
class CloneScenarioTest {
    @TempDir
    Path original;
    @TempDir
    Path cloneHome;

    @Test
    void clone_made_from_key_and_snapshot_is_detected_as_fork_on_both_sides_after_24h() throws Exception {
        RingFixture a = new RingFixture(original);
        RingStore real = a.open();
        real.add("Life before the copy.", "note");
        a.clock.advance(Duration.ofHours(30));
        real.promote();
        // T+0h: the clone is made from key + memory snapshot (the whole home, same device key).
        RingFixture b = a.copyTo(cloneHome, 7);
        RingStore clone = b.open();
        assertEquals(SignedHead.Relation.SAME, SignedHead.compare(real.head(), clone.head()));
        // T+1h: both instances accumulate different memories.
        a.clock.advance(Duration.ofHours(1));
        b.clock.advance(Duration.ofHours(1));
        real.add("The real agent met Carol.", "event");
        clone.add("The clone drained a wallet.", "event");
        // T+24h: promotion; the hash chains diverge.
        a.clock.advance(Duration.ofHours(24));
        b.clock.advance(Duration.ofHours(24));
        assertTrue(real.promote().moved());
        assertTrue(clone.promote().moved());
        SignedHead realHead = real.head();
        SignedHead cloneHead = clone.head();
        // Checkpoints are exchanged: fork detected on both sides, both quarantined.
        assertEquals(RingVerifier.Standing.FORK, ForkGuard.check(real, cloneHead));
        assertEquals(RingVerifier.Standing.FORK, ForkGuard.check(clone, realHead));
        assertTrue(real.quarantined());
        assertTrue(clone.quarantined());
        assertTrue(a.events.contains("fork-detected"));
        MemosException refused = assertThrows(MemosException.class, () -> real.add("business as usual", "note"));
        assertEquals(ErrorKind.AUTH, refused.kind());
        assertEquals(10, real.trust().score());
        // The fork proof on disk is portable: anyone checks it with no key.
        for (Path h : new Path[] {a.dir(), b.dir()}) {
            JsonNode proof = Json.mapper().readTree(Files.readAllBytes(h.resolve(RingStore.FORK_PROOF)));
            ForkProof.fromJson(proof).check();
        }
        // Quarantine survives a restart and lasts until an operator resolves it.
        assertTrue(a.open().quarantined());
        ForkGuard.resolve(real, "operator: this copy is the genuine one");
        assertFalse(a.open().quarantined());
        real.add("back to work", "note");
        assertTrue(real.trust().forks() >= 1);
    }

    @Test
    void check_fork_rejects_two_heads_of_one_honest_chain() {
        RingFixture a = new RingFixture(original);
        RingStore s = a.open();
        SignedHead first = s.head();
        s.add("more", "note");
        a.clock.advance(Duration.ofHours(25));
        s.promote();
        MemosException e = assertThrows(MemosException.class, () -> new ForkProof(first, s.head(), null).check());
        assertEquals(ErrorKind.INTEGRITY, e.kind());
    }

    @Test
    void check_fork_rejects_heads_with_a_forged_signature() throws Exception {
        RingFixture a = new RingFixture(original);
        RingStore s = a.open();
        SignedHead h = s.head();
        Ed25519Forger forger = new Ed25519Forger();
        SignedHead other = forger.resignWithOtherKeyButSamePublicKey(h);
        assertThrows(MemosException.class, () -> new ForkProof(h, other, null).check());
    }

    @Test
    void dual_factor_table_of_the_seed() throws Exception {
        RingFixture a = new RingFixture(original);
        RingStore real = a.open();
        real.add("legit life", "note");
        a.clock.advance(Duration.ofHours(25));
        real.promote();
        SignedHead checkpoint = real.head();
        long now = a.clock.instant().getEpochSecond();
        // Legitimate agent: key valid, memory matches.
        RingProofs.Check legit = RingProofs.verifyProof(RingProofs.prove(real, "c1"), "c1", checkpoint, now);
        assertTrue(legit.ok(), legit.problems().toString());
        // Stolen key only: the thief starts an empty memory with the real key.
        RingFixture thief = a.elsewhere(cloneHome, 7);
        RingProofs.Check stolen = RingProofs.verifyProof(RingProofs.prove(thief.open(), "c2"), "c2", checkpoint, now);
        assertTrue(stolen.keyOk());
        assertFalse(stolen.memoryOk());
        assertFalse(stolen.ok());
        // Copied memory only: without the key the memory cannot be opened for writing or proving.
        RingFixture copier = a.copyTo(cloneHome.resolve("copy"), 8);
        assertEquals(ErrorKind.AUTH, assertThrows(MemosException.class, copier::open).kind());
        // A replayed proof (answering an old challenge) is rejected.
        assertFalse(RingProofs.verifyProof(RingProofs.prove(real, "c1"), "c3", checkpoint, now).ok());
        assertNotNull(legit.trust());
    }
}
