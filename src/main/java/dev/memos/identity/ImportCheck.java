package dev.memos.identity;

import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.SignatureAlgorithm;
import java.nio.file.Path;

/**
 * A hook run on an import before it is accepted, over the staged identity folder (everything the
 * export carried: rings/, audit/, tokens/ and any file other components add). The ring component
 * registers one that verifies the ring-3 chain from genesis and re-signs every memory entry with
 * this device's MAC keys; the audit component can re-key its log the same way. Throwing (a
 * MemosException of kind INTEGRITY for bad data) rejects the import and nothing is kept.
 *
 * <p>Checks run in registration order, after the file's authentication, the tombstone check and the
 * key check, and before the staged folder is moved into place, so a check may rewrite files in it.
 */
@FunctionalInterface
public interface ImportCheck {
    /** What a check may see and use: the staged folder, the identity's public key and this device's keys. */
    interface Staged {
        MociId id();

        SignatureAlgorithm algorithm();

        byte[] publicKey();

        /** The staged copy of {@code $MEMOS_HOME/identities/<ID>/} (not yet in place). */
        Path directory();

        /** This home's per-device key for {@code label} and this identity (see {@link UnlockedIdentity#deviceKey}). */
        SecretBytes deviceKey(String label);

        /** {@code id import --allow-older}: an export older than this home's state may replace it. */
        default boolean allowOlder() {
            return false;
        }
    }

    void check(Staged staged);

    /**
     * Runs once the imported folder is in place ({@code staged.directory()} is now the identity's own
     * folder) and before the replaced one is deleted. Throwing undoes the import: the replaced folder
     * is moved back, so the old state is kept until the new one is complete.
     */
    default void committed(Staged staged) {
    }

    ImportCheck NONE = staged -> { };
}
