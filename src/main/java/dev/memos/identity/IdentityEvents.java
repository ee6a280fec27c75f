package dev.memos.identity;

/**
 * Observer of identity events, for the audit log and the memory chain (wired by the application;
 * the default ignores everything). Called after the change is durable; must not throw.
 */
public interface IdentityEvents {
    /**
     * The identities of the home after a change, still under the store's lock (so two processes
     * report in the order they changed it). The shell keeps its completion list from it; the core
     * writes nothing outside its own folder.
     */
    default void listChanged(java.util.List<IdentityInfo> identities) {
    }

    default void created(IdentityInfo identity) {
    }

    default void transitioned(MociId id, IdentityState from, IdentityState to) {
    }

    /** The signed REVOKED record (canonical JSON bytes) and its signature by the identity key; for ring 3. */
    default void revoked(MociId id, byte[] record, byte[] signature) {
    }

    /**
     * Same as {@link #revoked(MociId, byte[], byte[])}, with the identity key still usable for the
     * duration of the call, so the memory chain can append the record and re-sign its head. The
     * signer is closed right after; an observer must not keep it.
     */
    default void revoked(MociId id, byte[] record, byte[] signature, dev.memos.crypto.Signer signer) {
        revoked(id, record, signature);
    }

    /** The tier-2 passphrase of {@code id} was changed (the key itself is the same). */
    default void passphraseChanged(MociId id) {
    }

    /** The identity key was rotated (FORMAT §13.6): {@code outgoing} signed {@code rotation}, which names the new key. */
    default void keyRotated(MociId id, byte[] outgoing, KeyEvent rotation) {
    }

    /** A damaged identity.json was replaced by its backup copy ({@code reason} says what was wrong). */
    default void recoveredFromBackup(MociId id, String reason) {
    }

    /** Both copies of identity.json are damaged; {@link IdentityStore#list()} skips the identity. */
    default void damaged(MociId id, String reason) {
    }

    default void exported(MociId id, String fileName) {
    }

    default void imported(MociId id, boolean replaced) {
    }

    /** An --replace import kept the lifecycle state {@code kept} this home had, not the export's {@code exported}. */
    default void importKeptState(MociId id, IdentityState exported, IdentityState kept) {
    }

    /**
     * Tombstones missing from the tombstone list were rebuilt from independent evidence
     * ({@code source}: the home audit log, an identity's own revoked record).
     */
    default void tombstonesRebuilt(java.util.List<Tombstone> rebuilt, String source) {
    }

    IdentityEvents NONE = new IdentityEvents() { };
}
