package dev.memos.ring;

import dev.memos.crypto.Signatures;
import dev.memos.error.MemosException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that need no private key: a stored state against its signed head, a chain against a head,
 * and where a checkpoint (a head seen earlier) stands relative to a chain.
 */
public final class RingVerifier {
    /** Where a checkpoint stands relative to a chain. */
    public enum Standing {
        /** The chain contains the checkpoint's step with the same hash. */
        EXTENDS,
        /** The step is no longer kept in full; the checkpoint's sealed months are a prefix of the chain's. */
        EXTENDS_BY_MONTH,
        /** The checkpoint is ahead of the chain: the chain is an older copy (rollback) or the other side wrote more. */
        BEHIND,
        FORK,
        UNDECIDED
    }

    private RingVerifier() {
    }

    static void checkStored(StoreState s) {
        s.head.requireValid("the stored chain head of " + s.id);
        if (!s.head.id().equals(s.id) || !Arrays.equals(s.head.publicKey(), s.publicKey) || s.head.algorithm() != s.algorithm) {
            throw MemosException.integrity("the stored chain head belongs to another identity: restore the rings folder from a backup");
        }
        checkChain(s.chain, s.head);
        Set<Long> seqs = new HashSet<>();
        for (SealedEntry e : s.entries) {
            if (!seqs.add(e.seq()) || e.seq() > s.seq || e.ring() > 2) {
                throw MemosException.integrity("memory entry #" + e.seq() + " is duplicated or out of range: restore from a backup");
            }
        }
    }

    /** The chain must recompute to exactly what the (already verified) head signs. */
    static void checkChain(Chain chain, SignedHead head) {
        chain.verify(head.publicKey());
        List<byte[]> recent = chain.recent();
        boolean same = chain.lastIndex() == head.step() && chain.lastTime() == head.stepTime()
                && chain.genesisTime == head.genesis() && chain.archive.firstMonth() == head.firstMonth()
                && chain.archive.months() == head.months() && Bytes.same(chain.archive.root(chain.id), head.archiveRoot())
                && recent.size() == head.recent().size();
        for (int i = 0; same && i < recent.size(); i++) {
            same = Bytes.same(recent.get(i), head.recent().get(i));
        }
        if (!same) {
            throw MemosException.integrity("the memory chain of " + chain.id + " does not match its signed head");
        }
    }

    /** Where {@code checkpoint} (a verified head of the same identity) stands relative to {@code chain}. */
    static Standing standing(Chain chain, SignedHead chainHead, SignedHead checkpoint) {
        if (!checkpoint.id().equals(chainHead.id()) || !Arrays.equals(checkpoint.publicKey(), chainHead.publicKey())) {
            throw MemosException.usage("the checkpoint belongs to another identity or key than the chain");
        }
        if (checkpoint.step() > chain.lastIndex()) {
            byte[] theirs = checkpoint.recentHash(chain.lastIndex());
            if (theirs == null) {
                return Standing.UNDECIDED;
            }
            return Bytes.same(theirs, chainHead.stepHash()) ? Standing.BEHIND : Standing.FORK;
        }
        Optional<Boolean> has = chain.has(checkpoint.step(), checkpoint.stepHash());
        if (has.isPresent()) {
            return has.get() ? Standing.EXTENDS : Standing.FORK;
        }
        if (checkpoint.months() <= chain.archive.months() && checkpoint.firstMonth() == chain.archive.firstMonth()) {
            return Bytes.same(chain.archive.rootOf(chain.id, checkpoint.months()), checkpoint.archiveRoot())
                    ? Standing.EXTENDS_BY_MONTH : Standing.FORK;
        }
        return Standing.UNDECIDED;
    }

    /** Domain-separated message the key signs for a challenge: {@code "memos-ring-challenge-v1\n" || JCS({...})}. */
    static byte[] challengeMessage(String challenge, SignedHead head) {
        com.fasterxml.jackson.databind.node.ObjectNode n = dev.memos.encoding.Json.mapper().createObjectNode()
                .put("challenge", challenge).put("id", head.id()).put("step", head.step())
                .put("stepHash", dev.memos.encoding.Hex.encode(head.stepHash()));
        byte[] body = dev.memos.encoding.CanonicalJson.bytes(n);
        byte[] prefix = Bytes.utf8("memos-ring-challenge-v1\n");
        byte[] out = Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
    }

    static boolean challengeSignatureValid(String challenge, SignedHead head, byte[] signature) {
        return Signatures.verify(head.algorithm(), head.publicKey(), challengeMessage(challenge, head), signature);
    }
}
