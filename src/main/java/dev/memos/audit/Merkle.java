package dev.memos.audit;

import dev.memos.crypto.Hash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 6962 Merkle tree hashing: leaf = SHA-256(0x00 || entry), node = SHA-256(0x01 || left || right),
 * the root of n leaves splits at the largest power of two below n. Proof generation works on the list of
 * leaf hashes; verification follows RFC 9162 §2.1.3.2 and §2.1.4.2 and needs nothing but the proof.
 */
public final class Merkle {
    public static final int HASH_LEN = 32;

    private Merkle() {
    }

    public static byte[] leafHash(byte[] entry) {
        return leafHash(Hash.sha256(), entry, 0, entry.length);
    }

    static byte[] leafHash(Hash md, byte[] buf, int off, int len) {
        md.update((byte) 0);
        md.update(buf, off, len);
        return md.digest();
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        return nodeHash(Hash.sha256(), left, right);
    }

    static byte[] nodeHash(Hash md, byte[] left, byte[] right) {
        md.update((byte) 1);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    /** SHA-256 of nothing: the root of the empty tree. */
    public static byte[] emptyRoot() {
        return Hash.sha256().digest();
    }

    /** Root of leaves [from, to) of a leaf-hash list, recursively as RFC 6962 §2.1 defines it. */
    static byte[] subtreeRoot(Hash md, List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return md.digest();
        }
        if (n == 1) {
            return leaves.get(from);
        }
        int k = largestPowerOfTwoBelow(n);
        return nodeHash(md, subtreeRoot(md, leaves, from, from + k), subtreeRoot(md, leaves, from + k, to));
    }

    public static byte[] root(List<byte[]> leaves, int size) {
        return subtreeRoot(Hash.sha256(), leaves, 0, size);
    }

    /** RFC 6962 §2.1.1 PATH(m, D[0:n]): the audit path of leaf m in the tree of the first n leaves. */
    public static List<byte[]> inclusionProof(List<byte[]> leaves, long m, long n) {
        if (m < 0 || m >= n || n > leaves.size()) {
            throw new IllegalArgumentException("leaf " + m + " is not in a tree of size " + n);
        }
        List<byte[]> out = new ArrayList<>();
        path(Hash.sha256(), leaves, (int) m, 0, (int) n, out);
        return out;
    }

    private static void path(Hash md, List<byte[]> leaves, int m, int from, int to, List<byte[]> out) {
        int n = to - from;
        if (n <= 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(md, leaves, m, from, from + k, out);
            out.add(subtreeRoot(md, leaves, from + k, to));
        } else {
            path(md, leaves, m - k, from + k, to, out);
            out.add(subtreeRoot(md, leaves, from, from + k));
        }
    }

    /** RFC 6962 §2.1.2 PROOF(m, D[0:n]): proves the tree of m leaves is a prefix of the tree of n leaves. */
    public static List<byte[]> consistencyProof(List<byte[]> leaves, long m, long n) {
        if (m < 0 || m > n || n > leaves.size()) {
            throw new IllegalArgumentException("no consistency proof from size " + m + " to size " + n);
        }
        List<byte[]> out = new ArrayList<>();
        if (m > 0 && m < n) {
            subproof(Hash.sha256(), leaves, (int) m, 0, (int) n, true, out);
        }
        return out;
    }

    private static void subproof(Hash md, List<byte[]> leaves, int m, int from, int to, boolean complete,
                                 List<byte[]> out) {
        int n = to - from;
        if (m == n) {
            if (!complete) {
                out.add(subtreeRoot(md, leaves, from, to));
            }
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(md, leaves, m, from, from + k, complete, out);
            out.add(subtreeRoot(md, leaves, from + k, to));
        } else {
            subproof(md, leaves, m - k, from + k, to, false, out);
            out.add(subtreeRoot(md, leaves, from, from + k));
        }
    }

    /** RFC 9162 §2.1.3.2: true if {@code leaf} is at {@code index} in the tree of {@code size} with {@code root}. */
    public static boolean verifyInclusion(byte[] leaf, long index, long size, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        Hash md = Hash.sha256();
        long fn = index;
        long sn = size - 1;
        byte[] r = leaf;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(md, p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(md, r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Hash.equal(r, root);
    }

    /** RFC 9162 §2.1.4.2: true if the tree (size2, root2) extends the tree (size1, root1). */
    public static boolean verifyConsistency(long size1, byte[] root1, long size2, byte[] root2, List<byte[]> proof) {
        if (size1 < 0 || size2 < size1) {
            return false;
        }
        if (size1 == size2) {
            return proof.isEmpty() && Hash.equal(root1, root2);
        }
        if (size1 == 0) {
            return proof.isEmpty();
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(size1) == 1) {
            path.add(0, root1);
        }
        Hash md = Hash.sha256();
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (int i = 1; i < path.size(); i++) {
            byte[] c = path.get(i);
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(md, c, fr);
                sr = nodeHash(md, c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(md, sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Hash.equal(fr, root1) && Hash.equal(sr, root2);
    }

    static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    /**
     * The right edge of a growing tree: one root per perfect subtree (sizes = the binary digits of the
     * leaf count), so appending and taking the root cost O(log n) and nothing else is kept in memory.
     */
    public static final class CompactRange {
        private final Hash md = Hash.sha256();
        private byte[][] stack = new byte[64][];
        private int depth;
        private long size;

        public long size() {
            return size;
        }

        public void append(byte[] leafHash) {
            byte[] h = leafHash;
            long s = size;
            while ((s & 1) == 1) {
                h = nodeHash(md, stack[--depth], h);
                s >>= 1;
            }
            stack[depth++] = h;
            size++;
        }

        public byte[] root() {
            if (depth == 0) {
                return md.digest();
            }
            byte[] r = stack[depth - 1];
            for (int i = depth - 2; i >= 0; i--) {
                r = nodeHash(md, stack[i], r);
            }
            return r;
        }

        /** The subtree roots, left to right (for the writer's state cache). */
        public List<byte[]> hashes() {
            List<byte[]> out = new ArrayList<>();
            for (int i = 0; i < depth; i++) {
                out.add(stack[i].clone());
            }
            return out;
        }

        public static CompactRange restore(long size, List<byte[]> hashes) {
            if (Long.bitCount(size) != hashes.size()) {
                throw new IllegalArgumentException("compact range of size " + size + " needs " + Long.bitCount(size) + " hashes");
            }
            CompactRange c = new CompactRange();
            for (byte[] h : hashes) {
                if (h.length != HASH_LEN) {
                    throw new IllegalArgumentException("compact range hash of wrong length");
                }
                c.stack[c.depth++] = Arrays.copyOf(h, HASH_LEN);
            }
            c.size = size;
            return c;
        }
    }
}
