package dev.memos.ring;

/**
 * A monotonic counter kept apart from the rings folder: each store write raises the store's
 * generation and then this counter. A store whose generation is below the counter is an older copy
 * put back (rollback). The default lives in {@code $MEMOS_HOME/counters/rings-<ID>.ctr}; the audit log
 * (issue 9) records each generation too, as a second witness.
 */
public interface RollbackCounter {
    /** The highest generation seen, or -1 when there is no record yet. */
    long current();

    void advanceTo(long generation);

    /** An in-memory counter, for tests and read-only tools. */
    static RollbackCounter inMemory() {
        return new RollbackCounter() {
            private long value = -1;

            @Override
            public synchronized long current() {
                return value;
            }

            @Override
            public synchronized void advanceTo(long generation) {
                value = Math.max(value, generation);
            }
        };
    }
}
