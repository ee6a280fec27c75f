package dev.memos.ring;

import dev.memos.crypto.Hash;
import dev.memos.crypto.Signatures;
import dev.memos.error.MemosException;
import java.util.Map;

/**
 * The last step of a chain: {@code id revoke --confirm} appends the signed REVOKED record (seed:
 * "permanent, appends REVOKED to chain"). The step carries {@link ChainFlags#REVOKED} and
 * {@code digest = H("memos-ring3-revoked-v1" || 0x00 || H(record) || signature)}, and the head is
 * re-signed, so every later proof or checkpoint of this identity shows that it ended.
 */
public final class Revocation {
    static final byte[] DOMAIN = Bytes.utf8("memos-ring3-revoked-v1\u0000");

    private Revocation() {
    }

    /** The step digest of a REVOKED record and its signature (FORMAT.md §10.5). */
    public static byte[] digest(byte[] record, byte[] signature) {
        return Hash.sha256(DOMAIN, Hash.sha256(record), signature);
    }

    /**
     * Appends the REVOKED step (also while quarantined: revoking a cloned identity is the point).
     * Idempotent: a chain that already ends in a REVOKED step is left alone. Returns the step index.
     */
    public static long append(RingStore store, byte[] record, byte[] signature) {
        return store.locked(() -> appendLocked(store, record, signature));
    }

    private static long appendLocked(RingStore store, byte[] record, byte[] signature) {
        store.requireWritable(true);
        StoreState s = store.state;
        if (!Signatures.verify(s.algorithm, s.publicKey, record, signature)) {
            throw MemosException.integrity("the REVOKED record is not signed by the key of " + store.id + "'s memory chain");
        }
        Step last = s.chain.window.get(s.chain.window.size() - 1);
        if ((last.flags() & ChainFlags.REVOKED) != 0 && last.index() > 0) {
            return last.index();
        }
        try {
            long now = Math.max(store.now(), s.lastTime);
            s.chain.seal(Months.of(now));
            Step step = s.chain.append(now, ChainFlags.REVOKED, digest(record, signature));
            s.chain.prune(Months.of(now));
            s.head = SignedHead.sign(s.chain, store.signer, s.summarizer, s.quarantine != null, now);
            store.commit();
            store.event("revoked", Map.of("step", step.index()));
            return step.index();
        } catch (RuntimeException e) {
            store.reload();
            throw e;
        }
    }

    /** Whether the chain's last step is a REVOKED step. */
    public static boolean revoked(RingStore store) {
        Step last = store.state.chain.window.get(store.state.chain.window.size() - 1);
        return last.index() > 0 && (last.flags() & ChainFlags.REVOKED) != 0;
    }
}
