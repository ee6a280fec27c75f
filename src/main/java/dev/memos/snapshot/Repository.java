package dev.memos.snapshot;

import java.util.List;

/**
 * Where packs and snapshot files live (FORMAT.md §14.7): write-once, content-addressed objects. A
 * local folder now; an Arweave implementation later maps the same calls to data items, GraphQL and
 * Range requests. Implementations report an absent object as a NETWORK error naming it.
 */
public interface Repository {
    boolean hasPack(String packId);

    /** Stores a complete pack under its id; storing an id that exists already is a no-op. */
    void putPack(String packId, byte[] bytes);

    byte[] readPack(String packId);

    /** {@code length} bytes of a pack from {@code offset}: the Range read of one header or blob. */
    byte[] readPackRange(String packId, long offset, int length);

    void putSnapshot(String snapshotId, byte[] bytes);

    List<String> snapshotIds();

    byte[] readSnapshot(String snapshotId);

    /** For messages: "repository /path" or "arweave (devnet)". */
    String describe();
}
