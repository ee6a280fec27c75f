package dev.memos.snapshot;

/**
 * What a snapshot backup did: the new snapshot, and what it cost. {@code newBytes} is the plaintext
 * of chunks stored for the first time, {@code storedBytes} what was written (packs + snapshot).
 */
public record SnapshotResult(String snapshotId, long sequence, long files, long totalBytes, long newBytes,
        long storedBytes, int packsWritten, long reusedChunks, long newChunks, long filesRead) {
}
