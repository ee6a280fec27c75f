package dev.memos.snapshot;

import dev.memos.error.MemosException;
import java.util.List;

/**
 * A repository that holds nothing and refuses every write: what a dry run compares against when
 * the target folder does not exist yet, so that pricing a first backup creates no folder.
 */
public final class EmptyRepository implements Repository {
    private final String description;

    public EmptyRepository(String description) {
        this.description = description;
    }

    @Override
    public boolean hasPack(String packId) {
        return false;
    }

    @Override
    public void putPack(String packId, byte[] bytes) {
        throw refused();
    }

    @Override
    public byte[] readPack(String packId) {
        throw MemosException.network(PackReader.name(packId) + " is missing from " + describe(), null);
    }

    @Override
    public byte[] readPackRange(String packId, long offset, int length) {
        return readPack(packId);
    }

    @Override
    public void putSnapshot(String snapshotId, byte[] bytes) {
        throw refused();
    }

    @Override
    public List<String> snapshotIds() {
        return List.of();
    }

    @Override
    public byte[] readSnapshot(String snapshotId) {
        throw MemosException.network(SnapshotCodec.name(snapshotId) + " is missing from " + describe(), null);
    }

    @Override
    public String describe() {
        return description;
    }

    private static MemosException refused() {
        return MemosException.failure("internal: a dry run tried to write to an empty repository", null);
    }
}
