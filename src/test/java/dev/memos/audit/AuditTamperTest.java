package dev.memos.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.config.MemosHome;
import dev.memos.crypto.DeviceKey;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.error.ErrorKind;
import dev.memos.testing.MutableClock;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per attack on a log of 20 entries with signed checkpoints at 10 and 20. */
class AuditTamperTest {
    @TempDir
    Path tmp;
    MemosHome home;
    Path dir;

    @BeforeEach
    void twentyEntries() {
        home = TestLogs.home(tmp);
        dir = TestLogs.homeLogDir(home);
        TestLogs.fill(home, new MutableClock(TestLogs.T0), 20, 10);
        assertEquals(20, TestLogs.verifier(home).verify().entries());
    }

    /** Applies {@code attack} to the log file as it is on disk, then returns the index the verifier names as bad. */
    private long badIndexAfter(Attack attack) throws IOException {
        RawLog raw = RawLog.read(dir);
        attack.on(raw);
        raw.write();
        return badIndex();
    }

    private interface Attack {
        void on(RawLog raw) throws IOException;
    }

    private long badIndex() {
        AuditIntegrityException e = assertThrows(AuditIntegrityException.class, () -> TestLogs.verifier(home).verify());
        assertEquals(ErrorKind.INTEGRITY, e.kind());
        return e.badIndex();
    }

    private static byte[] reencode(AuditEntry e, long index, String detail) {
        TreeMap<String, String> d = new TreeMap<>(e.details());
        if (detail != null) {
            d.put("n", detail);
        }
        return new AuditEntry(index, e.timeMillis(), e.event(), e.identity(), d).encode();
    }

    private record Anchored(FileCheckpointAnchor anchor, Checkpoint published) {
    }

    /** Publishes the log's newest signed checkpoint to a file anchor, as {@code audit anchor} would. */
    private Anchored anchorNewestCheckpoint() {
        FileCheckpointAnchor anchor = new FileCheckpointAnchor(tmp.resolve("anchors"));
        Checkpoint published = CheckpointFile.readLast(dir.resolve(AuditLogs.CHECKPOINTS_FILE)).orElseThrow();
        anchor.publish(published);
        return new Anchored(anchor, published);
    }

    private void deleteWholeLog() throws IOException {
        for (String f : List.of(AuditLogs.LOG_FILE, AuditLogs.CHECKPOINTS_FILE, AuditLogs.STATE_FILE)) {
            Files.delete(dir.resolve(f));
            // the attacker holds the device key, so the verified copies go too (FORMAT.md §17)
            Files.deleteIfExists(dev.memos.store.MirroredFile.copyOf(dir.resolve(f)));
        }
    }

    /** Re-encodes entry {@code i} with {@code i} as its index (and {@code detail} as field n, if given). */
    private static void rewrite(RawLog raw, int i, String detail) {
        raw.replaceEntry(i, reencode(AuditEntry.decode(raw.entry(i)), i, detail));
    }

    /** Gives every entry from {@code from} on its new position as index, as a careful forger would. */
    private static void renumberFrom(RawLog raw, int from) {
        for (int i = from; i < raw.records.size(); i++) {
            rewrite(raw, i, null);
        }
    }

    @Test
    void detects_modified_entry() throws IOException {
        assertEquals(13, badIndexAfter(raw -> rewrite(raw, 13, "forged")));
    }

    @Test
    void detects_flipped_byte_without_crc_fix() throws IOException {
        assertEquals(4, badIndexAfter(raw -> raw.records.get(4)[10] ^= 1));
    }

    @Test
    void detects_deleted_entry() throws IOException {
        assertEquals(7, badIndexAfter(raw -> raw.records.remove(7)));
    }

    @Test
    void detects_deleted_entry_with_renumbered_followers() throws IOException {
        assertEquals(7, badIndexAfter(raw -> {
            raw.records.remove(7);
            renumberFrom(raw, 7);
        }));
    }

    @Test
    void detects_inserted_entry() throws IOException {
        assertEquals(5, badIndexAfter(raw -> {
            raw.records.add(5, raw.records.get(5).clone());
            rewrite(raw, 5, "inserted");
            renumberFrom(raw, 6);
        }));
    }

    @Test
    void detects_reordered_entries() throws IOException {
        assertEquals(11, badIndexAfter(raw -> Collections.swap(raw.records, 11, 12)));
    }

    @Test
    void detects_reordered_entries_with_fixed_indices() throws IOException {
        assertEquals(11, badIndexAfter(raw -> {
            Collections.swap(raw.records, 11, 12);
            rewrite(raw, 11, null);
            rewrite(raw, 12, null);
        }));
    }

    @Test
    void detects_truncation_after_checkpoint() throws IOException {
        assertEquals(15, badIndexAfter(raw -> raw.records.subList(15, 20).clear()));
    }

    @Test
    void detects_deleted_log_file() throws IOException {
        Files.delete(dir.resolve(AuditLogs.LOG_FILE));
        assertEquals(0, badIndex());
    }

    @Test
    void detects_entries_rewritten_with_the_device_key() throws IOException {
        // The MAC key holder can rebuild a valid chain, but not re-sign the checkpoints of an identity log.
        try (Ed25519 idKey = Ed25519.generate()) {
            MutableClock clock = new MutableClock(TestLogs.T0);
            try (AuditLog log = AuditLogs.builder(home).identity("agent").signer(idKey).clock(clock).checkpointEvery(5).open()) {
                for (int i = 0; i < 10; i++) {
                    log.append(AuditEvents.CIT_ISSUED, "agent", Map.of("n", Integer.toString(i)));
                }
            }
            Path idDir = AuditLogs.identityDirectory(home, "agent");
            Path checkpoints = idDir.resolve(AuditLogs.CHECKPOINTS_FILE);
            byte[] signed = Files.readAllBytes(checkpoints);
            Files.delete(idDir.resolve(AuditLogs.LOG_FILE));
            Files.delete(idDir.resolve(AuditLogs.STATE_FILE));
            Files.delete(dev.memos.store.MirroredFile.copyOf(idDir.resolve(AuditLogs.STATE_FILE)));
            Files.delete(checkpoints);
            try (AuditLog log = AuditLogs.builder(home).identity("agent").signer(null).clock(clock).open()) {
                for (int i = 0; i < 10; i++) {
                    log.append(AuditEvents.CIT_ISSUED, "agent", Map.of("n", i == 7 ? "rewritten" : Integer.toString(i)));
                }
            }
            Files.write(checkpoints, signed);
            DeviceKey dk = DeviceKey.loadOrCreate(home.root());
            AuditIntegrityException e = assertThrows(AuditIntegrityException.class, () -> AuditVerifier.of(idDir, "agent")
                    .macKey(AuditKeys.macKey(dk, "agent")).trustedKey(SignatureAlgorithm.ED25519, idKey.publicKey()).verify());
            // Checkpoints at 1 (first append), 6 and 10: entries 0..5 still match, so 6 is the first untrusted index.
            assertEquals(6, e.badIndex());
        }
    }

    @Test
    void detects_checkpoint_signed_by_another_key() throws IOException {
        try (Ed25519 other = Ed25519.generate()) {
            Checkpoint cp = Checkpoint.sign(AuditKeys.HOME_LOG, 20, Merkle.emptyRoot(), 0, other);
            Files.write(dir.resolve(AuditLogs.CHECKPOINTS_FILE), (new String(cp.toBytes()) + "\n").getBytes(),
                    StandardOpenOption.APPEND);
        }
        badIndex();
    }

    @Test
    void detects_checkpoint_copied_from_another_log() throws IOException {
        DeviceKey dk = DeviceKey.loadOrCreate(home.root());
        try (Ed25519 homeKey = AuditKeys.homeSigner(dk)) {
            Checkpoint cp = Checkpoint.sign("other-log", 20, Merkle.emptyRoot(), Long.MAX_VALUE, homeKey);
            Files.write(dir.resolve(AuditLogs.CHECKPOINTS_FILE), (new String(cp.toBytes()) + "\n").getBytes(),
                    StandardOpenOption.APPEND);
        }
        badIndex();
    }

    @Test
    void detects_garbage_checkpoint_line() throws IOException {
        Files.write(dir.resolve(AuditLogs.CHECKPOINTS_FILE), "{\"not\":\"a checkpoint\"}\n".getBytes(), StandardOpenOption.APPEND);
        assertThrows(dev.memos.error.MemosException.class, () -> TestLogs.verifier(home).verify());
    }

    @Test
    void detects_whole_log_replaced_by_shorter_valid_one_via_anchor() throws IOException {
        FileCheckpointAnchor anchor = anchorNewestCheckpoint().anchor();
        // The attacker holds the device key: delete everything and write a fresh, fully valid, shorter log.
        deleteWholeLog();
        TestLogs.fill(home, new MutableClock(TestLogs.T0), 12, 10);
        assertEquals(12, TestLogs.verifier(home).verify().entries(), "locally the shorter log is self-consistent");
        DeviceKey dk = DeviceKey.loadOrCreate(home.root());
        try (Ed25519 homeKey = AuditKeys.homeSigner(dk)) {
            Checkpoint fetched = anchor.fetchLatest(AuditKeys.HOME_LOG, SignatureAlgorithm.ED25519, homeKey.publicKey()).orElseThrow();
            assertEquals(20, fetched.size());
            AuditIntegrityException e = assertThrows(AuditIntegrityException.class,
                    () -> TestLogs.verifier(home).anchor(fetched).verify());
            assertEquals(12, e.badIndex());
            assertTrue(e.getMessage().contains("anchored"));
        }
    }

    @Test
    void detects_whole_log_replaced_by_equally_long_valid_one_via_anchor() throws IOException {
        Checkpoint published = anchorNewestCheckpoint().published();
        deleteWholeLog();
        TestLogs.fill(home, new MutableClock(TestLogs.T0.plusSeconds(1)), 25, 10);
        AuditIntegrityException e = assertThrows(AuditIntegrityException.class, () -> TestLogs.verifier(home).anchor(published).verify());
        // The new log's own checkpoint at 7 is valid, so the first index the anchor cannot vouch for is 7.
        assertEquals(7, e.badIndex(), e.getMessage());
        assertTrue(e.getMessage().contains("do not match"));
    }

    @Test
    void torn_tail_is_not_tampering_but_is_reported() throws IOException {
        // A writer that dies mid-record never saved a state covering it: keep the state from before.
        byte[] stateBefore = Files.readAllBytes(dir.resolve(AuditLogs.STATE_FILE));
        Path stateCopy = dev.memos.store.MirroredFile.copyOf(dir.resolve(AuditLogs.STATE_FILE));
        byte[] copyBefore = Files.readAllBytes(stateCopy);
        try (AuditLog log = AuditLogs.builder(home).checkpointEvery(1000).open()) {
            log.append(AuditEvents.BACKUP, "", Map.of());
            // no close-time checkpoint: simulate by truncating the record we are about to tear after close
        }
        Files.write(dir.resolve(AuditLogs.STATE_FILE), stateBefore);
        Files.write(stateCopy, copyBefore);
        Path file = dir.resolve(AuditLogs.LOG_FILE);
        Files.write(dir.resolve(AuditLogs.CHECKPOINTS_FILE), filterCheckpoints(20));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 7);
        }
        AuditVerifier.Report r = TestLogs.verifier(home).verify();
        assertEquals(20, r.entries());
        assertTrue(r.tornTail());
        try (AuditLog log = AuditLogs.forHome(home)) {
            assertEquals(20, log.size(), "the torn entry is dropped on open");
            log.append(AuditEvents.RESTORE, "", Map.of());
        }
        AuditVerifier.Report after = TestLogs.verifier(home).verify();
        assertEquals(21, after.entries());
        assertTrue(!after.tornTail());
    }

    private byte[] filterCheckpoints(long maxSize) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String line : Files.readAllLines(dir.resolve(AuditLogs.CHECKPOINTS_FILE))) {
            if (Checkpoint.parse(line.getBytes()).size() <= maxSize) {
                b.append(line).append('\n');
            }
        }
        return b.toString().getBytes();
    }
}
