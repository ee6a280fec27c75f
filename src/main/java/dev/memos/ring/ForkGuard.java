package dev.memos.ring;

import dev.memos.crypto.Hash;
import dev.memos.encoding.CanonicalJson;
import dev.memos.error.MemosException;
import dev.memos.store.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Compares a peer's checkpoint of our own identity with our chain. A fork quarantines the identity
 * (no writes, no tokens: {@link RingStore#quarantined()}) and writes a portable fork proof to
 * {@code <rings>/fork-proof.json}, until an operator resolves it.
 */
public final class ForkGuard {
    private ForkGuard() {
    }

    /** Verifies {@code peer} (gateway defense), then places it; quarantines on a fork. */
    public static RingVerifier.Standing check(RingStore store, SignedHead peer) {
        peer.requireValid("the peer checkpoint");
        return store.locked(() -> place(store, peer));
    }

    private static RingVerifier.Standing place(RingStore store, SignedHead peer) {
        StoreState s = store.state;
        RingVerifier.Standing standing = RingVerifier.standing(s.chain, s.head, peer);
        if (standing == RingVerifier.Standing.BEHIND) {
            store.event("peer-ahead", Map.of("peer_step", peer.step(), "our_step", s.head.step()));
        }
        if (standing == RingVerifier.Standing.FORK && s.quarantine == null) {
            ForkProof proof = new ForkProof(s.head, peer, peer.step() <= s.head.step() ? ChainCodec.toJson(s.chain) : null);
            try {
                AtomicFile.write(store.dir.resolve(RingStore.FORK_PROOF), CanonicalJson.bytes(proof.toJson()));
            } catch (IOException e) {
                throw RingStore.ioFailure("write the fork proof", e);
            }
            s.quarantine = store.quarantineNode("fork with a checkpoint at step " + peer.step());
            s.anomalies++;
            s.chain.pendingFlags |= ChainFlags.ANOMALY;
            store.commit();
            store.event("fork-detected", Map.of("peer_step", peer.step(), "our_step", s.head.step()));
        }
        return standing;
    }

    /** An operator's decision that this copy is the genuine one: records it in the chain and lifts the quarantine. */
    public static void resolve(RingStore store, String note) {
        store.locked(() -> {
            lift(store, note);
            return null;
        });
    }

    private static void lift(RingStore store, String note) {
        store.requireWritable(true);
        StoreState s = store.state;
        if (s.quarantine == null) {
            throw MemosException.usage(store.id + " is not quarantined: nothing to resolve");
        }
        try {
            long now = Math.max(store.now(), s.lastTime);
            byte[] proof = Files.exists(store.dir.resolve(RingStore.FORK_PROOF))
                    ? Files.readAllBytes(store.dir.resolve(RingStore.FORK_PROOF)) : new byte[0];
            s.chain.seal(Months.of(now));
            s.chain.append(now, ChainFlags.RESOLVED | ChainFlags.ANOMALY, Hash.sha256(Bytes.utf8(note), Hash.sha256(proof)));
            s.chain.prune(Months.of(now));
            s.head = SignedHead.sign(s.chain, store.signer, s.summarizer, false, now);
            s.quarantine = null;
            store.commit();
            Files.deleteIfExists(store.dir.resolve(RingStore.FORK_PROOF));
            store.event("quarantine-resolved", Map.of("note", note));
        } catch (IOException e) {
            store.reload();
            throw RingStore.ioFailure("resolve the quarantine", e);
        }
    }
}
