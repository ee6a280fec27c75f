package dev.memos.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.memos.config.MemosHome;
import dev.memos.store.Recoveries;
import dev.memos.testing.ByteFlips;
import dev.memos.testing.MutableClock;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log's state.json (its length witness) repairs itself from its verified copy (FORMAT.md §17). */
class AuditStateSelfHealingTest {
    @TempDir
    Path tmp;

    @AfterEach
    void drain() {
        Recoveries.drain(tmp);
    }

    @Test
    void state_json_heals_from_flipped_bytes_and_the_log_still_verifies() throws Exception {
        MemosHome home = TestLogs.home(tmp);
        TestLogs.fill(home, new MutableClock(TestLogs.T0), 3, 1);
        Path state = TestLogs.homeLogDir(home).resolve(AuditLogs.STATE_FILE);
        // verifying reads the whole log: a spread sample of both files keeps the class within its budget
        ByteFlips.eachFlipHeals(state, () -> TestLogs.verifier(home).verify().entries(), 3L, 64, 16);
        assertEquals(3, TestLogs.verifier(home).verify().entries());
    }

    @Test
    void state_json_damaged_in_both_copies_fails_verification_with_exit_4() throws Exception {
        MemosHome home = TestLogs.home(tmp);
        TestLogs.fill(home, new MutableClock(TestLogs.T0), 3, 1);
        Path state = TestLogs.homeLogDir(home).resolve(AuditLogs.STATE_FILE);
        ByteFlips.bothFlippedFailCleanly(state, () -> TestLogs.verifier(home).verify().entries(), 3L);
    }
}
