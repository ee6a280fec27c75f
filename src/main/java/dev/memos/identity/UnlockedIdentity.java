package dev.memos.identity;

import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.Signer;
import java.nio.file.Path;

/**
 * An identity whose key is usable in this process. {@link #close()} wipes the key (tiers 1–2) or
 * logs out of the token (tier 3); the session closes it on lock and idle timeout.
 */
public interface UnlockedIdentity extends AutoCloseable {
    MociId id();

    Tier tier();

    /** The state when unlocked; re-read {@link IdentityStore#info} for a fresh value. */
    IdentityState state();

    /** Signs with the identity key (Ed25519 for tiers 1–2, ECDSA P-256 through the token for tier 3). */
    Signer signer();

    /**
     * A 32-byte key bound to this home and this identity, for MACs and encryption of memory entries,
     * audit records and tokens: {@code DeviceKey.derive(label, id)}. It changes when an identity is
     * imported on another device, which is why imports re-sign. The caller closes it.
     */
    SecretBytes deviceKey(String label);

    /** {@code $MEMOS_HOME/identities/<ID>/}. */
    Path directory();

    boolean isClosed();

    @Override
    void close();
}
