package dev.memos.snapshot;

import java.util.Objects;

/**
 * Where one chunk lies (FORMAT.md §14.5): its id, the pack, the blob's offset and stored length in
 * that pack, and the chunk's plaintext length.
 */
public record BlobRef(String chunkId, String packId, long offset, int length, int rawLength) {
    public BlobRef {
        Objects.requireNonNull(chunkId);
        Objects.requireNonNull(packId);
    }
}
