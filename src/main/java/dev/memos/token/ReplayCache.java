package dev.memos.token;

/**
 * Remembers accepted nonces until their token can no longer be valid. Implementations must keep an
 * entry at least until {@code keepUntil} and stay bounded: {@link #FULL} fails closed rather than
 * forgetting a live nonce.
 */
public interface ReplayCache extends AutoCloseable {
    enum Outcome { FRESH, SEEN, FULL }

    /**
     * Records {@code key} (16 bytes) unless it is already there.
     *
     * @param keepUntil epoch second after which the entry may be dropped (token exp + skew)
     * @param now epoch second of the verifier's clock, used to drop expired entries
     */
    Outcome checkAndRecord(byte[] key, long keepUntil, long now);

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
     * restart does not re-open the window for replays. Takes an exclusive lock on the directory.
     */
    static ReplayCache persistent(java.nio.file.Path dir, int maxEntries, boolean fsyncEachWrite, java.time.Clock clock) {
        return BucketedReplayCache.open(dir, maxEntries, fsyncEachWrite, clock.instant().getEpochSecond());
    }
}
