package dev.memos.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.error.MemosException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCacheTest {
    private static final long T = 1_767_225_600L; // 2026-01-01T00:00:00Z

    private static byte[] key(long i) {
        return ByteBuffer.allocate(16).putLong(0x5eed).putLong(i).array();
    }

    private static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    @Test
    void stays_bounded_under_one_million_distinct_nonces(@TempDir Path dir) throws Exception {
        // 1 M tokens over ~2.8 h at 100 per second, each kept for its 300 s TTL + 30 s skew.
        BucketedReplayCache c = BucketedReplayCache.open(dir, TokenVerifier.DEFAULT_MAX_NONCES, false);
        long maxLive = 0;
        for (long i = 0; i < 1_000_000; i++) {
            long now = T + i / 100;
            assertEquals(ReplayCache.Outcome.FRESH, c.checkAndRecord(key(i), now + 330, now));
            maxLive = Math.max(maxLive, c.size());
        }
        // live ≤ (330 s + one 60 s bucket) × 100/s
        assertTrue(maxLive <= 39_100, "live entries " + maxLive);
        assertTrue(c.diskBytes() <= 39_100L * 16, "disk bytes " + c.diskBytes());
        try (var files = Files.list(dir)) {
            assertTrue(files.filter(p -> p.toString().endsWith(".nonces")).count() <= 7, "bucket files stay few");
        }
        c.close();
    }

    @Test
    void never_exceeds_its_entry_limit_and_fails_closed() {
        ReplayCache c = ReplayCache.inMemory(1000);
        for (long i = 0; i < 1000; i++) {
            assertEquals(ReplayCache.Outcome.FRESH, c.checkAndRecord(key(i), T + 300, T));
        }
        assertEquals(ReplayCache.Outcome.FULL, c.checkAndRecord(key(1000), T + 300, T));
        assertEquals(ReplayCache.Outcome.SEEN, c.checkAndRecord(key(5), T + 300, T));
        assertEquals(1000, c.size());
        // once the bucket is past, room comes back
        assertEquals(ReplayCache.Outcome.FRESH, c.checkAndRecord(key(1000), T + 700, T + 400));
    }

    @Test
    void keeps_each_entry_at_least_until_keep_until() {
        ReplayCache c = ReplayCache.inMemory(10);
        long keep = T + 359; // last second of a bucket
        c.checkAndRecord(key(1), keep, T);
        assertEquals(ReplayCache.Outcome.SEEN, c.checkAndRecord(key(1), keep, keep));
        c.checkAndRecord(key(2), T + 300, T); // first second of a bucket
        assertEquals(ReplayCache.Outcome.SEEN, c.checkAndRecord(key(2), T + 300, T + 300));
    }

    @Test
    void survives_a_restart(@TempDir Path dir) {
        try (ReplayCache c = ReplayCache.persistent(dir, 100, true, at(T))) {
            c.checkAndRecord(key(42), T + 330, T);
        }
        try (ReplayCache c = ReplayCache.persistent(dir, 100, false, at(T + 200))) {
            assertEquals(1, c.size());
            assertEquals(ReplayCache.Outcome.SEEN, c.checkAndRecord(key(42), T + 330, T + 200));
        }
    }

    @Test
    void opening_drops_nothing_the_first_recorded_token_purges_and_raises_the_mark(@TempDir Path dir) throws Exception {
        try (ReplayCache c = ReplayCache.persistent(dir, 100, false, at(T))) {
            c.checkAndRecord(key(1), T + 100, T);
        }
        try (ReplayCache c = ReplayCache.persistent(dir, 100, false, at(T + 1000))) {
            assertEquals(1, c.size(), "opening with the clock far ahead must not purge");
            assertEquals(ReplayCache.Outcome.FRESH, c.checkAndRecord(key(2), T + 1300, T + 1000));
            assertEquals(1, c.size());
            // the purged bucket held keepUntil T+60..T+119: every such token is refused now
            assertEquals(ReplayCache.Outcome.WINDOW_PASSED, c.checkAndRecord(key(1), T + 100, T + 50));
            assertEquals(ReplayCache.Outcome.WINDOW_PASSED, c.checkAndRecord(key(3), T + 119, T + 50));
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.filter(p -> p.toString().endsWith(".nonces")).count());
        }
        try (ReplayCache c = ReplayCache.persistent(dir, 100, false, at(T))) {
            assertEquals(ReplayCache.Outcome.WINDOW_PASSED, c.checkAndRecord(key(1), T + 100, T + 50), "the mark survives a restart");
        }
    }

    @Test
    void a_damaged_replay_state_fails_closed_naming_the_file(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("state.json"), "{\"v\":1,\"purgedThrough\":\"soon\"}");
        MemosException e = assertThrows(MemosException.class, () -> ReplayCache.persistent(dir, 100, false, at(T)));
        assertTrue(e.getMessage().contains("state.json") && e.getMessage().contains("purgedThrough"), e.getMessage());
        assertEquals(dev.memos.error.ErrorKind.INTEGRITY, e.kind());
        Files.writeString(dir.resolve("state.json"), "{\"v\":1,");
        e = assertThrows(MemosException.class, () -> ReplayCache.persistent(dir, 100, false, at(T)));
        assertTrue(e.getMessage().contains("not JSON") && !e.getMessage().contains("Source"), e.getMessage());
    }

    @Test
    void rejects_nothing_twice_after_a_torn_write(@TempDir Path dir) throws Exception {
        try (ReplayCache c = ReplayCache.persistent(dir, 100, false, at(T))) {
            c.checkAndRecord(key(1), T + 100, T);
        }
        Path bucket;
        try (var files = Files.list(dir)) {
            bucket = files.filter(p -> p.toString().endsWith(".nonces")).findFirst().orElseThrow();
        }
        Files.write(bucket, new byte[] {1, 2, 3}, StandardOpenOption.APPEND); // a crash mid-record
        try (ReplayCache c = ReplayCache.persistent(dir, 100, false, at(T))) {
            assertEquals(1, c.size());
            assertEquals(ReplayCache.Outcome.SEEN, c.checkAndRecord(key(1), T + 100, T));
            assertEquals(ReplayCache.Outcome.FRESH, c.checkAndRecord(key(2), T + 100, T));
        }
        assertEquals(32, Files.size(bucket));
    }

    @Test
    void refuses_a_second_process_on_the_same_directory(@TempDir Path dir) {
        try (ReplayCache c = ReplayCache.persistent(dir, 100, false, at(T))) {
            assertThrows(MemosException.class, () -> ReplayCache.persistent(dir, 100, false, at(T)));
            assertEquals(0, c.size());
        }
    }
}
