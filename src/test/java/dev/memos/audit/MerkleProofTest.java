package dev.memos.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Production proofs checked by the independent {@link MinimalMerkleVerifier}, and tampered proofs refused by both. */
class MerkleProofTest {
    private static final int MAX = 70;

    private static List<byte[]> entries(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(("entry " + i).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static List<byte[]> leaves(List<byte[]> entries) {
        return entries.stream().map(Merkle::leafHash).toList();
    }

    private static int log2ceil(long n) {
        return 64 - Long.numberOfLeadingZeros(n - 1);
    }

    @Test
    void roots_match_the_definition_and_the_compact_range() {
        List<byte[]> e = entries(MAX);
        List<byte[]> l = leaves(e);
        Merkle.CompactRange range = new Merkle.CompactRange();
        assertArrayEquals(MinimalMerkleVerifier.root(List.of()), range.root());
        for (int n = 1; n <= MAX; n++) {
            range.append(l.get(n - 1));
            byte[] expected = MinimalMerkleVerifier.root(e.subList(0, n));
            assertArrayEquals(expected, Merkle.root(l, n), "size " + n);
            assertArrayEquals(expected, range.root(), "compact range size " + n);
            Merkle.CompactRange restored = Merkle.CompactRange.restore(range.size(), range.hashes());
            assertArrayEquals(expected, restored.root());
        }
    }

    @Test
    void inclusion_proofs_verify_independently_and_are_logarithmic() {
        List<byte[]> e = entries(MAX);
        List<byte[]> l = leaves(e);
        for (int n = 1; n <= MAX; n++) {
            byte[] root = MinimalMerkleVerifier.root(e.subList(0, n));
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = Merkle.inclusionProof(l, m, n);
                assertTrue(proof.size() <= log2ceil(n), "O(log n) proof");
                assertTrue(MinimalMerkleVerifier.inclusion(e.get(m), m, n, proof, root), m + "/" + n);
                assertTrue(Merkle.verifyInclusion(l.get(m), m, n, proof, root), m + "/" + n);
            }
        }
    }

    @Test
    void consistency_proofs_verify_independently_and_are_logarithmic() {
        List<byte[]> e = entries(MAX);
        List<byte[]> l = leaves(e);
        for (int n = 1; n <= MAX; n++) {
            byte[] newRoot = MinimalMerkleVerifier.root(e.subList(0, n));
            for (int m = 0; m <= n; m++) {
                byte[] oldRoot = MinimalMerkleVerifier.root(e.subList(0, m));
                List<byte[]> proof = Merkle.consistencyProof(l, m, n);
                assertTrue(proof.size() <= 2 * log2ceil(Math.max(n, 2)), "O(log n) proof");
                assertTrue(MinimalMerkleVerifier.consistency(m, oldRoot, n, newRoot, proof), m + "->" + n);
                assertTrue(Merkle.verifyConsistency(m, oldRoot, n, newRoot, proof), m + "->" + n);
            }
        }
    }

    @Test
    void rejects_tampered_inclusion_proof() {
        List<byte[]> e = entries(13);
        List<byte[]> l = leaves(e);
        byte[] root = Merkle.root(l, 13);
        List<byte[]> proof = new ArrayList<>(Merkle.inclusionProof(l, 5, 13));
        byte[] bad = proof.get(1).clone();
        bad[0] ^= 1;
        proof.set(1, bad);
        assertFalse(Merkle.verifyInclusion(l.get(5), 5, 13, proof, root));
        assertFalse(MinimalMerkleVerifier.inclusion(e.get(5), 5, 13, proof, root));
    }

    @Test
    void rejects_inclusion_proof_for_wrong_index_or_entry() {
        List<byte[]> e = entries(13);
        List<byte[]> l = leaves(e);
        byte[] root = Merkle.root(l, 13);
        List<byte[]> proof = Merkle.inclusionProof(l, 5, 13);
        assertFalse(Merkle.verifyInclusion(l.get(5), 4, 13, proof, root));
        assertFalse(Merkle.verifyInclusion(l.get(6), 5, 13, proof, root));
        assertFalse(Merkle.verifyInclusion(l.get(5), 5, 13, proof.subList(0, proof.size() - 1), root));
    }

    @Test
    void rejects_consistency_proof_of_a_rewritten_prefix() {
        List<byte[]> e = new ArrayList<>(entries(20));
        List<byte[]> l = leaves(e);
        byte[] newRoot = Merkle.root(l, 20);
        List<byte[]> proof = Merkle.consistencyProof(l, 11, 20);
        e.set(3, "rewritten".getBytes(StandardCharsets.UTF_8));
        byte[] forkedOldRoot = MinimalMerkleVerifier.root(e.subList(0, 11));
        assertFalse(Merkle.verifyConsistency(11, forkedOldRoot, 20, newRoot, proof));
        assertFalse(MinimalMerkleVerifier.consistency(11, forkedOldRoot, 20, newRoot, proof));
        assertFalse(Merkle.verifyConsistency(20, newRoot, 11, forkedOldRoot, proof), "sizes reversed");
    }

    @Test
    void million_leaf_proofs_stay_small() {
        assertEquals(20, log2ceil(1_000_000));
    }
}
