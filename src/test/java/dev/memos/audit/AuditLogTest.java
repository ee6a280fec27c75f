package dev.memos.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.config.MemosHome;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.crypto.DeviceKey;
import dev.memos.error.MemosException;
import dev.memos.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    @TempDir
    Path tmp;

    @Test
    void appends_survive_reopen_and_verify() {
        MemosHome home = TestLogs.home(tmp);
        MutableClock clock = new MutableClock(TestLogs.T0);
        try (AuditLog log = AuditLogs.builder(home).clock(clock).open()) {
            AuditEntry e = log.append(AuditEvents.BACKUP, "", Map.of("tx", "abc"));
            assertEquals(0, e.index());
            assertEquals(TestLogs.T0, e.time());
        }
        try (AuditLog log = AuditLogs.builder(home).clock(clock).open()) {
            assertEquals(1, log.size());
            assertEquals(1, log.append(AuditEvents.RESTORE, "", Map.of()).index());
        }
        AuditVerifier.Report r = TestLogs.verifier(home).verify();
        assertEquals(2, r.entries());
        assertTrue(r.checkpoints() >= 1);
        assertEquals(0, r.uncheckpointed());
        assertEquals(List.of("backup", "restore"), AuditReader.all(TestLogs.homeLogDir(home)).stream().map(AuditEntry::event).toList());
    }

    @Test
    void reopen_without_state_cache_rescans() throws Exception {
        MemosHome home = TestLogs.home(tmp);
        TestLogs.fill(home, new MutableClock(TestLogs.T0), 50, 10);
        Files.delete(TestLogs.homeLogDir(home).resolve(AuditLogs.STATE_FILE));
        try (AuditLog log = AuditLogs.forHome(home)) {
            assertEquals(50, log.size());
            log.append(AuditEvents.UPLOAD, "", Map.of());
        }
        assertEquals(51, TestLogs.verifier(home).verify().entries());
    }

    @Test
    void stale_state_cache_catches_up_with_later_appends() throws Exception {
        MemosHome home = TestLogs.home(tmp);
        TestLogs.fill(home, new MutableClock(TestLogs.T0), 5, 100);
        Path state = TestLogs.homeLogDir(home).resolve(AuditLogs.STATE_FILE);
        byte[] old = Files.readAllBytes(state);
        TestLogs.fill(home, new MutableClock(TestLogs.T0), 5, 100);
        Files.write(state, old);
        try (AuditLog log = AuditLogs.forHome(home)) {
            assertEquals(10, log.size());
            log.append(AuditEvents.UPLOAD, "", Map.of());
        }
        assertEquals(11, TestLogs.verifier(home).verify().entries());
    }

    @Test
    void two_instances_interleave_without_forking() {
        MemosHome home = TestLogs.home(tmp);
        try (AuditLog a = AuditLogs.forHome(home); AuditLog b = AuditLogs.forHome(home)) {
            for (int i = 0; i < 20; i++) {
                (i % 2 == 0 ? a : b).append(AuditEvents.ANOMALY, "", Map.of("i", Integer.toString(i)));
            }
        }
        assertEquals(20, TestLogs.verifier(home).verify().entries());
    }

    @Test
    void checkpoints_are_written_every_n_entries_and_on_close() {
        MemosHome home = TestLogs.home(tmp);
        TestLogs.fill(home, new MutableClock(TestLogs.T0), 100, 30);
        List<Checkpoint> cps = CheckpointFile.readAll(TestLogs.homeLogDir(home).resolve(AuditLogs.CHECKPOINTS_FILE));
        assertEquals(100, cps.get(cps.size() - 1).size());
        assertTrue(cps.size() >= 4, "periodic checkpoints plus the one on close");
    }

    @Test
    void checkpoint_after_interval_elapses() {
        MemosHome home = TestLogs.home(tmp);
        MutableClock clock = new MutableClock(TestLogs.T0);
        try (AuditLog log = AuditLogs.builder(home).clock(clock).checkpointInterval(Duration.ofMinutes(5)).open()) {
            log.append(AuditEvents.BACKUP, "", Map.of());
            long first = log.latestCheckpoint().orElseThrow().size();
            log.append(AuditEvents.BACKUP, "", Map.of());
            assertEquals(first, log.latestCheckpoint().orElseThrow().size());
            clock.advance(Duration.ofMinutes(6));
            log.append(AuditEvents.BACKUP, "", Map.of());
            assertEquals(3, log.latestCheckpoint().orElseThrow().size());
        }
    }

    @Test
    void identity_log_is_signed_by_the_given_signer() {
        MemosHome home = TestLogs.home(tmp);
        try (Ed25519 idKey = Ed25519.generate()) {
            try (AuditLog log = AuditLogs.forIdentity(home, "agent-1", idKey)) {
                log.append(AuditEvents.IDENTITY_CREATED, "agent-1", Map.of("tier", "1"));
            }
            Path dir = AuditLogs.identityDirectory(home, "agent-1");
            assertTrue(Files.isRegularFile(dir.resolve(AuditLogs.LOG_FILE)));
            DeviceKey dk = DeviceKey.loadOrCreate(home.root());
            AuditVerifier.Report r = AuditVerifier.of(dir, "agent-1").macKey(AuditKeys.macKey(dk, "agent-1"))
                    .trustedKey(SignatureAlgorithm.ED25519, idKey.publicKey()).verify();
            assertEquals(1, r.entries());
        }
    }

    @Test
    void identity_log_without_signer_defers_checkpoints() {
        MemosHome home = TestLogs.home(tmp);
        try (AuditLog log = AuditLogs.forIdentity(home, "agent-2", null)) {
            log.append(AuditEvents.UNLOCK_FAILED, "agent-2", Map.of());
            assertTrue(log.latestCheckpoint().isEmpty());
            assertThrows(IllegalStateException.class, log::checkpoint);
        }
    }

    @Test
    void rejects_identity_path_traversal() {
        MemosHome home = TestLogs.home(tmp);
        for (String bad : List.of("../x", "a/b", "..", "home", "", "a\u0000b")) {
            assertThrows(MemosException.class, () -> AuditLogs.forIdentity(home, bad, null), bad);
        }
    }

    @Test
    void rejects_secret_looking_details() {
        MemosHome home = TestLogs.home(tmp);
        try (AuditLog log = AuditLogs.forHome(home)) {
            for (String key : List.of("passphrase", "private_key", "seed", "ETH_PRIVATE_KEY", "mnemonic", "client_secret")) {
                assertThrows(IllegalArgumentException.class, () -> log.append(AuditEvents.BACKUP, "", Map.of(key, "x")), key);
            }
            assertEquals(0, log.size());
        }
    }

    @Test
    void rejects_malformed_event_names() {
        MemosHome home = TestLogs.home(tmp);
        try (AuditLog log = AuditLogs.forHome(home)) {
            for (String bad : List.of("", "Backup", "a b", "x".repeat(65), "1abc")) {
                assertThrows(IllegalArgumentException.class, () -> log.append(bad, "", Map.of()), bad);
            }
        }
    }

    @Test
    void refuses_to_append_to_a_log_truncated_below_its_checkpoint() throws Exception {
        MemosHome home = TestLogs.home(tmp);
        TestLogs.fill(home, new MutableClock(TestLogs.T0), 10, 100);
        Path file = TestLogs.homeLogDir(home).resolve(AuditLogs.LOG_FILE);
        Files.delete(TestLogs.homeLogDir(home).resolve(AuditLogs.STATE_FILE));
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(RecordReader.MAGIC.length);
        }
        AuditIntegrityException e = assertThrows(AuditIntegrityException.class, () -> AuditLogs.forHome(home));
        assertEquals(0, e.badIndex());
    }

    @Test
    void every_event_constant_is_well_formed_and_unique() {
        assertEquals(22, AuditEvents.ALL.size());
        assertEquals(AuditEvents.ALL.size(), AuditEvents.ALL.stream().distinct().count());
        assertTrue(AuditEvents.ALL.stream().allMatch(AuditEvents::wellFormed));
        assertFalse(AuditEvents.wellFormed("Bad"));
    }
}
