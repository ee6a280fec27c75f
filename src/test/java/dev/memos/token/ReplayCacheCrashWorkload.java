package dev.memos.token;

import dev.memos.crash.CrashWorkload;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Token replay (nonce) cache with fsync: every acknowledged nonce is SEEN after a kill (a replayed
 * token stays rejected across a crash), and a torn record never makes the cache unreadable.
 */
public final class ReplayCacheCrashWorkload implements CrashWorkload {
    /** A fixed clock: all nonces stay live for the whole test. */
    static final long NOW = 2_000_000_000L;
    static final int MAX = 1 << 20;

    static byte[] nonce(long n) {
        return ByteBuffer.allocate(16).putLong(0x6d656d6f73L).putLong(n).array();
    }

    @Override
    public void setUp(Path dir) {
        BucketedReplayCache.open(dir, MAX, true).close();
    }

    @Override
    public void writeLoop(Path dir, Acks acks) {
        long start = next(dir);
        try (BucketedReplayCache c = BucketedReplayCache.open(dir, MAX, true)) {
            for (long n = start; ; n++) {
                if (c.checkAndRecord(nonce(n), NOW + 300, NOW) != ReplayCache.Outcome.FRESH) {
                    throw new IllegalStateException("nonce " + n + " was not fresh");
                }
                acks.ack(n);
            }
        }
    }

    /** Each child continues after the nonces already stored, so a check covers all children's acks. */
    private static long next(Path dir) {
        try (BucketedReplayCache c = BucketedReplayCache.open(dir, MAX, true)) {
            return c.size();
        }
    }

    @Override
    public void check(Path dir, long lastAck) {
        try (BucketedReplayCache c = BucketedReplayCache.open(dir, MAX, true)) {
            if (c.size() < lastAck + 1) {
                throw new AssertionError("acknowledged nonces lost: " + c.size() + " < " + (lastAck + 1));
            }
            for (long n = Math.max(0, lastAck - 20); n <= lastAck; n++) {
                if (c.checkAndRecord(nonce(n), NOW + 300, NOW) != ReplayCache.Outcome.SEEN) {
                    throw new AssertionError("acknowledged nonce " + n + " is fresh again: a replay would pass");
                }
            }
        }
    }
}
