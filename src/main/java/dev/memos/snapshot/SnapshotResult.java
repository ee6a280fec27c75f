package dev.memos.snapshot;

/**
 * What a snapshot backup did: the new snapshot, and what it cost. {@code newBytes} is the plaintext
 * of chunks stored for the first time, {@code storedBytes} what was written (packs + snapshot);
 * {@code snapshotSha256} is the body hash the rollback index and the next snapshot chain on.
 */
public record SnapshotResult(String snapshotId, String snapshotSha256, long sequence, long files, long totalBytes, long newBytes,
        long storedBytes, int packsWritten, long reusedChunks, long newChunks, long filesRead) {
}
