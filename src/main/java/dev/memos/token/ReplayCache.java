package dev.memos.token;

/**
 * Remembers accepted nonces until their token can no longer be valid. Implementations must keep an
 * entry at least until {@code keepUntil} and stay bounded: {@link #FULL} fails closed rather than
 * forgetting a live nonce.
 */
public interface ReplayCache extends AutoCloseable {
    /**
     * {@code WINDOW_PASSED}: keepUntil is at or below the high-water mark of purged entries, so whether
     * the key was seen can no longer be told; the token must be refused.
     */
    enum Outcome { FRESH, SEEN, FULL, WINDOW_PASSED }

    /**
     * Records {@code key} (16 bytes) unless it is already there.
     *
     * @param keepUntil epoch second after which the entry may be dropped (token exp + skew)
     * @param now epoch second of the verifier's clock, used to drop expired entries
     */
    Outcome checkAndRecord(byte[] key, long keepUntil, long now);

    /**
     * The mark (highest keepUntil that may have been forgotten) when {@code now} is at or behind it and
     * this was not reported before for that mark; empty otherwise. The clock went backwards past
     * entries already purged: tokens in that window stay refused, and the caller reports it once.
     */
    default java.util.OptionalLong clockBehindMark(long now) {
        return java.util.OptionalLong.empty();
    }

    /** Live entries (for monitoring and the bound tests). */
    long size();

    @Override
    void close();

    /** A bounded cache in memory only: for tests, benchmarks and verifiers that never restart. */
    static ReplayCache inMemory(int maxEntries) {
        return new BucketedReplayCache(null, maxEntries, false);
    }

    /**
     * A bounded cache persisted in {@code dir} (one append-only file per minute of expiry), so a
     * restart does not re-open the window for replays. Takes an exclusive lock on the directory,
     * waiting for another process up to {@link dev.memos.store.HomeLock#defaultWait()} (then BUSY).
     */
    static ReplayCache persistent(java.nio.file.Path dir, int maxEntries, boolean fsyncEachWrite, java.time.Clock clock) {
        // The clock is no longer read here: opening drops nothing (purging waits for a verified token).
        return BucketedReplayCache.open(dir, maxEntries, fsyncEachWrite);
    }
}
