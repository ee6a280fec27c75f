package dev.memos.identity;

import dev.memos.config.MemosHome;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * All identities of one home, under {@code $MEMOS_HOME/identities/<ID>/}. The store owns
 * {@code identity.json} (and its backup copy {@code identity.json.bak}) there; other components own
 * sub-folders (rings/, audit/, tokens/) and the export carries all of them. Mutations are serialised
 * across processes by {@code identities/.lock}.
 *
 * <p>Obtain one with {@link #open(MemosHome)} or {@link #builder(MemosHome)}.
 */
public interface IdentityStore {

    static IdentityStore open(MemosHome home) {
        return builder(home).build();
    }

    static IdentityStoreBuilder builder(MemosHome home) {
        return new IdentityStoreBuilder(home);
    }

    /**
     * Every stored identity (deleted ones are gone; see {@link #tombstones()}), sorted by id. An
     * identity whose file and backup are both damaged is left out and reported through
     * {@link IdentityEvents#damaged}.
     */
    List<IdentityInfo> list();

    /** The identity, recovering identity.json from its backup if the main copy is damaged. */
    Optional<IdentityInfo> info(MociId id);

    /** Like {@link #info} but a USAGE error naming the id when there is none. */
    IdentityInfo require(MociId id);

    /**
     * The identity if it is active; otherwise an AUTH error naming its state. Token issuing and memory
     * writes call this first, so a suspended (or revoked) identity can do neither.
     */
    IdentityInfo requireActive(MociId id);

    /** The single active identity, if there is exactly one. */
    Optional<IdentityInfo> onlyActive();

    /** Creates a new identity with a fresh id for {@code name}; refuses blocked names and tombstoned ids. */
    IdentityInfo create(String name, Tier tier, SecretSource secrets);

    /** Unlocks the key, asking {@code secrets} as the tier needs. Refuses revoked identities. */
    UnlockedIdentity unlock(MociId id, SecretSource secrets);

    IdentityInfo suspend(MociId id);

    /**
     * Tier 2: re-wraps the key under a new passphrase ({@link SecretSource.Kind#REPLACEMENT_PASSPHRASE})
     * after the current one ({@link SecretSource.Kind#IDENTITY_PASSPHRASE}) opened it. The new file is
     * written whole beside the old and renamed over it, so a crash leaves the old or the new passphrase
     * working and the key is never on disk unwrapped. USAGE for tiers 1 and 3.
     */
    IdentityInfo changePassphrase(MociId id, SecretSource secrets);

    /**
     * Tiers 1 and 2 (FORMAT.md §13.6): reveals the pre-rotated next key, commits to a fresh one, signs
     * the rotation with the current key and stores the new keys wrapped as the tier stores keys, in one
     * atomic save. An identity without a key event log starts one (an uncommitted inception). USAGE for
     * tier 3, AUTH when the identity is not active.
     */
    IdentityInfo rotateKey(MociId id, SecretSource secrets);

    /** The verified key event log of the identity (§13.6), empty for identities that never had one. */
    java.util.Optional<KeyEventLog> keyEvents(MociId id);

    IdentityInfo resume(MociId id);

    /** Signs a REVOKED record with the identity key, stores it, tombstones the id. */
    IdentityInfo revoke(MociId id, SecretSource secrets);

    /**
     * Overwrites and removes the key material and the whole folder of a revoked identity (rings,
     * audit, tokens included); keeps the tombstone. Tier 3 destroys the key in the token (PIN needed).
     */
    Tombstone delete(MociId id, SecretSource secrets);

    /** Revoked and deleted ids, oldest first. */
    List<Tombstone> tombstones();

    boolean isTombstoned(MociId id);

    /** Writes {@code moci-export-<8 hex>.enc} into {@code directory}; tier 3 refuses. Returns the file. */
    Path exportTo(MociId id, Path directory, SecretSource secrets);

    /** Verifies and imports an export file, re-keyed for this device; refuses an export older than local state. */
    default IdentityInfo importFrom(Path file, boolean replace, SecretSource secrets) {
        return importFrom(file, replace, false, secrets);
    }

    /**
     * As {@link #importFrom(Path, boolean, SecretSource)}; {@code allowOlder} lets an export older than
     * this home's state replace it (import checks reset their rollback state to the imported one).
     * Replacing never changes the lifecycle state the identity has here.
     */
    IdentityInfo importFrom(Path file, boolean replace, boolean allowOlder, SecretSource secrets);

    /** {@code $MEMOS_HOME/identities/<ID>/} (whether or not it exists). */
    Path directory(MociId id);
}
