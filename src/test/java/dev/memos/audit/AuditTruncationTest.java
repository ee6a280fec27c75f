package dev.memos.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.config.MemosHome;
import dev.memos.encoding.Json;
import dev.memos.store.MirroredFile;
import dev.memos.testing.MutableClock;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 §5: a tail truncation that also drops the checkpoints covering the lost entries is caught
 * by the writer's HMAC'd state (state.json), and the next append records it as an anomaly.
 */
class AuditTruncationTest {
    @TempDir
    Path tmp;
    MemosHome home;
    Path dir;

    /** Two entries, a checkpoint after each (so the attacker has a consistent checkpoint file for 1 entry). */
    @BeforeEach
    void twoEntries() {
        home = TestLogs.home(tmp);
        dir = TestLogs.homeLogDir(home);
        TestLogs.fill(home, new MutableClock(TestLogs.T0), 2, 1);
        assertEquals(2, TestLogs.verifier(home).verify().entries());
    }

    private JsonNode state() throws IOException {
        return Json.mapper().readTree(Files.readAllBytes(dir.resolve(AuditLogs.STATE_FILE)));
    }

    /** The attack of the issue: cut the log at the last record's offset, drop the last checkpoint line. */
    private void truncateLastEntryAndCheckpoint() throws IOException {
        long lastOffset = state().get("last_offset").longValue();
        try (FileChannel ch = FileChannel.open(dir.resolve(AuditLogs.LOG_FILE), StandardOpenOption.WRITE)) {
            ch.truncate(lastOffset);
        }
        Path cps = dir.resolve(AuditLogs.CHECKPOINTS_FILE);
        List<String> lines = Files.readAllLines(cps, StandardCharsets.UTF_8);
        Files.write(cps, lines.subList(0, lines.size() - 1), StandardCharsets.UTF_8);
    }

    @Test
    void tail_truncation_with_its_checkpoint_dropped_fails_verify_against_the_state() throws IOException {
        truncateLastEntryAndCheckpoint();
        AuditIntegrityException e = assertThrows(AuditIntegrityException.class, () -> TestLogs.verifier(home).verify());
        assertEquals(1, e.badIndex(), e.getMessage());
        assertTrue(e.getMessage().contains("state.json) records 2"), e.getMessage());
    }

    @Test
    void the_next_append_after_a_truncation_records_an_anomaly_first() throws IOException {
        truncateLastEntryAndCheckpoint();
        try (AuditLog log = AuditLogs.forHome(home)) {
            log.append(AuditEvents.BACKUP, "", Map.of("n", "after"));
        }
        List<AuditEntry> all = AuditReader.all(dir);
        assertEquals(3, all.size());
        AuditEntry anomaly = all.get(1);
        assertEquals(AuditEvents.ANOMALY, anomaly.event());
        assertEquals(Map.of("kind", "audit-truncated", "state_size", "2", "found_size", "1"), anomaly.details());
        assertEquals(AuditEvents.BACKUP, all.get(2).event());
        assertEquals(3, TestLogs.verifier(home).verify().entries(), "the loss is on record; the log verifies again");
    }

    @Test
    void a_state_edited_to_match_the_truncated_log_is_undone_by_its_verified_copy() throws IOException {
        truncateLastEntryAndCheckpoint();
        ObjectNode s = (ObjectNode) state();
        s.put("size", 1);
        Files.write(dir.resolve(AuditLogs.STATE_FILE), Json.mapper().writeValueAsBytes(s));
        AuditIntegrityException e = assertThrows(AuditIntegrityException.class, () -> TestLogs.verifier(home).verify());
        assertTrue(e.getMessage().contains("state.json) records 2"), e.getMessage());
    }

    @Test
    void a_state_edited_to_match_the_truncated_log_fails_its_hmac() throws IOException {
        truncateLastEntryAndCheckpoint();
        ObjectNode s = (ObjectNode) state();
        s.put("size", 1);
        Files.write(dir.resolve(AuditLogs.STATE_FILE), Json.mapper().writeValueAsBytes(s));
        Files.delete(MirroredFile.copyOf(dir.resolve(AuditLogs.STATE_FILE)));
        AuditIntegrityException e = assertThrows(AuditIntegrityException.class, () -> TestLogs.verifier(home).verify());
        assertTrue(e.getMessage().contains("fails its HMAC"), e.getMessage());
        try (AuditLog log = AuditLogs.forHome(home)) {
            log.append(AuditEvents.BACKUP, "", Map.of());
        }
        assertEquals("audit-state-altered", AuditReader.all(dir).get(1).details().get("kind"));
    }

    @Test
    void a_truncated_log_regrown_to_its_old_length_is_caught_by_the_witnessed_mac() throws IOException {
        // A writer that never saw the witness (state.json hidden meanwhile) appends over the cut; the
        // log is as long as the state says again, but its entry 1 is not the one the state recorded.
        Path copy = MirroredFile.copyOf(dir.resolve(AuditLogs.STATE_FILE));
        byte[] witness = Files.readAllBytes(dir.resolve(AuditLogs.STATE_FILE));
        byte[] witnessCopy = Files.readAllBytes(copy);
        truncateLastEntryAndCheckpoint();
        Files.delete(dir.resolve(AuditLogs.STATE_FILE));
        Files.delete(copy);
        try (AuditLog log = AuditLogs.forHome(home)) {
            log.append(AuditEvents.BACKUP, "", Map.of("n", "regrown"));
        }
        Files.write(dir.resolve(AuditLogs.STATE_FILE), witness);
        Files.write(copy, witnessCopy);
        AuditIntegrityException e = assertThrows(AuditIntegrityException.class, () -> TestLogs.verifier(home).verify());
        assertEquals(1, e.badIndex(), e.getMessage());
        assertTrue(e.getMessage().contains("is not the one the log's state"), e.getMessage());
    }

    @Test
    void an_older_genuine_state_with_the_truncated_log_is_not_detected_without_an_anchor() throws IOException {
        // The documented limit (THREAT-MODEL.md): whoever can rewrite both files can put back an older
        // genuine pair. Keep the state of a 1-entry log, grow to 2, then roll both back.
        Path fresh = tmp.resolve("fresh");
        MemosHome h = TestLogs.home(fresh);
        Path d = TestLogs.homeLogDir(h);
        TestLogs.fill(h, new MutableClock(TestLogs.T0), 1, 1);
        byte[] log1 = Files.readAllBytes(d.resolve(AuditLogs.LOG_FILE));
        byte[] cps1 = Files.readAllBytes(d.resolve(AuditLogs.CHECKPOINTS_FILE));
        byte[] state1 = Files.readAllBytes(d.resolve(AuditLogs.STATE_FILE));
        byte[] copy1 = Files.readAllBytes(MirroredFile.copyOf(d.resolve(AuditLogs.STATE_FILE)));
        TestLogs.fill(h, new MutableClock(TestLogs.T0.plusSeconds(60)), 1, 1);
        assertEquals(2, TestLogs.verifier(h).verify().entries());
        Files.write(d.resolve(AuditLogs.LOG_FILE), log1);
        Files.write(d.resolve(AuditLogs.CHECKPOINTS_FILE), cps1);
        Files.write(d.resolve(AuditLogs.STATE_FILE), state1);
        Files.write(MirroredFile.copyOf(d.resolve(AuditLogs.STATE_FILE)), copy1);
        assertEquals(1, TestLogs.verifier(h).verify().entries());
    }

    @Test
    void a_version_1_state_without_hmac_still_witnesses_the_length() throws IOException {
        ObjectNode s = (ObjectNode) state();
        s.remove("hmac");
        s.put("version", 1);
        Files.write(dir.resolve(AuditLogs.STATE_FILE), Json.mapper().writeValueAsBytes(s));
        assertEquals(2, TestLogs.verifier(home).verify().entries(), "an old writer's state is accepted");
        truncateLastEntryAndCheckpoint();
        Files.write(dir.resolve(AuditLogs.STATE_FILE), Json.mapper().writeValueAsBytes(s));
        assertThrows(AuditIntegrityException.class, () -> TestLogs.verifier(home).verify());
    }

    @Test
    void an_untouched_log_keeps_verifying_and_appends_no_anomaly() {
        try (AuditLog log = AuditLogs.forHome(home)) {
            log.append(AuditEvents.BACKUP, "", Map.of());
        }
        List<AuditEntry> all = AuditReader.all(dir);
        assertEquals(3, all.size());
        assertTrue(all.stream().noneMatch(e -> e.event().equals(AuditEvents.ANOMALY)), all.toString());
        assertEquals(3, TestLogs.verifier(home).verify().entries());
    }
}
