package dev.memos.backup;

/**
 * Progress of a long operation (pack, restore, verify, upload, download, read-back, listing), called
 * from a worker thread as often as it likes and once at the end. Implementations must be cheap and
 * must not throw; what they show (and whether) is the front end's business.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (phase, files, bytes, totalBytes) -> { };

    /** {@code totalBytes} is -1 when unknown (pack does not pre-scan). */
    void update(String phase, long files, long bytes, long totalBytes);

    /**
     * A phase measured in steps rather than bytes (polls of a gateway, candidates checked): {@code done}
     * of {@code total} (-1 when unknown), with a short note such as "attempt 3".
     */
    default void steps(String phase, long done, long total, String note) {
    }
}
