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

    /**
     * Key handovers (FORMAT.md §14.12) that may be for the key whose handover tag is {@code toTag}:
     * candidates only, each opened and verified by the reader. A folder lists all of them.
     */
    default List<String> handoverIds(String toTag) {
        return List.of();
    }

    default byte[] readHandover(String handoverId) {
        throw dev.memos.error.MemosException.network("key handover " + handoverId + " is missing from " + describe(), null);
    }

    /** Stores a handover under its id, findable by {@code toTag}; storing an id that exists already is a no-op. */
    default void putHandover(String handoverId, String toTag, byte[] bytes) {
        throw dev.memos.error.MemosException.usage(describe() + " cannot store a key handover");
    }

    /**
     * Also see the objects stored by this (old, handed-over) public key from now on. A folder holds
     * every key's objects already; on Arweave the owner list of discovery grows.
     */
    default void addOwnerKey(byte[] publicKey) {
    }

    /** For messages: "repository /path" or "arweave (devnet)". */
    String describe();
}
