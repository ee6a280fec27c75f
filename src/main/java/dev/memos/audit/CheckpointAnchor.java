package dev.memos.audit;

import dev.memos.crypto.SignatureAlgorithm;
import java.util.Collection;
import java.util.Optional;

/**
 * A public, append-only place for signed checkpoints (Arweave in production), so that replacing the
 * whole local log with a shorter valid one is still detected. Implementations store and find bytes;
 * they need not trust them: {@link #newestValid} keeps only checkpoints signed by the expected key.
 */
public interface CheckpointAnchor {

    /** Publishes the canonical checkpoint bytes ({@link Checkpoint#toBytes()}); returns where they are. */
    String publish(Checkpoint checkpoint);

    /** The newest (largest) checkpoint published for {@code logId} signed by {@code publicKey}. */
    Optional<Checkpoint> fetchLatest(String logId, SignatureAlgorithm algorithm, byte[] publicKey);

    /** Shared selection rule: parseable, for this log, signed by this key; the largest size wins, then the latest time. */
    static Optional<Checkpoint> newestValid(Collection<byte[]> candidates, String logId, SignatureAlgorithm algorithm,
                                            byte[] publicKey) {
        Checkpoint best = null;
        for (byte[] raw : candidates) {
            Checkpoint cp;
            try {
                cp = Checkpoint.parse(raw);
            } catch (IllegalArgumentException e) {
                continue; // anyone can publish junk to a public store
            }
            if (!cp.log().equals(logId) || !cp.verifies(algorithm, publicKey)) {
                continue;
            }
            if (best == null || cp.size() > best.size() || (cp.size() == best.size() && cp.timeMillis() > best.timeMillis())) {
                best = cp;
            }
        }
        return Optional.ofNullable(best);
    }
}
