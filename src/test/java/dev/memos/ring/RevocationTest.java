package dev.memos.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crypto.Ed25519;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REVOKED step that {@code id revoke --confirm} appends to the ring-3 chain. */
class RevocationTest {
    @TempDir
    Path home;

    private static final byte[] RECORD = "{\"type\":\"REVOKED\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void appends_a_signed_revoked_step_that_survives_a_reload_and_verifies() {
        RingFixture f = new RingFixture(home);
        RingStore s = f.open();
        s.add("last words", "note");
        long before = s.head().step();
        f.clock.advance(Duration.ofMinutes(5));
        byte[] sig = f.key.sign(RECORD);
        long step = Revocation.append(s, RECORD, sig);
        assertEquals(before + 1, step);
        assertTrue(Revocation.revoked(s));
        RingStore again = f.openReadOnly();
        assertEquals(step, again.head().step());
        assertTrue(again.head().signatureValid());
        assertTrue(Revocation.revoked(again));
        Step last = again.state.chain.window.get(again.state.chain.window.size() - 1);
        assertEquals(ChainFlags.REVOKED, last.flags());
        assertArrayEquals(Revocation.digest(RECORD, sig), last.digest());
        assertTrue(RingProofs.verifyLocal(again, null).memoryOk());
    }

    @Test
    void appending_twice_is_idempotent() {
        RingFixture f = new RingFixture(home);
        RingStore s = f.open();
        byte[] sig = f.key.sign(RECORD);
        long step = Revocation.append(s, RECORD, sig);
        assertEquals(step, Revocation.append(s, RECORD, sig));
        assertEquals(step, f.openReadOnly().head().step());
    }

    @Test
    void a_quarantined_identity_can_still_be_revoked() {
        RingFixture f = new RingFixture(home);
        RingStore s = f.open();
        s.state.quarantine = s.quarantineNode("test fork");
        s.commit();
        assertTrue(f.open().quarantined());
        long step = Revocation.append(f.open(), RECORD, f.key.sign(RECORD));
        assertTrue(step > 0);
    }

    @Test
    void rejects_a_record_signed_by_another_key() throws Exception {
        RingFixture f = new RingFixture(home);
        RingStore s = f.open();
        byte[] before = Files.readAllBytes(s.file());
        try (Ed25519 other = RingFixture.seed(9)) {
            MemosException e = assertThrows(MemosException.class, () -> Revocation.append(s, RECORD, other.sign(RECORD)));
            assertEquals(ErrorKind.INTEGRITY, e.kind());
        }
        assertArrayEquals(before, Files.readAllBytes(s.file()));
        assertFalse(Revocation.revoked(f.openReadOnly()));
    }

    @Test
    void rejects_append_on_a_read_only_store() {
        RingFixture f = new RingFixture(home);
        f.open();
        RingStore ro = f.openReadOnly();
        assertThrows(MemosException.class, () -> Revocation.append(ro, RECORD, f.key.sign(RECORD)));
        assertFalse(Revocation.revoked(f.openReadOnly()));
    }
}
