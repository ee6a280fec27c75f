package dev.memos.backup;

/**
 * Progress of a pack, restore or verify, called from a worker thread at most every few hundred
 * milliseconds and once at the end. Implementations must be cheap and must not throw.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (phase, files, bytes, totalBytes) -> { };

    /** {@code totalBytes} is -1 when unknown (pack does not pre-scan). */
    void update(String phase, long files, long bytes, long totalBytes);
}
