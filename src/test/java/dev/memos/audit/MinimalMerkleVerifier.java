package dev.memos.audit;

import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * An independent RFC 6962 verifier written straight from the recursive definitions (PATH and SUBPROOF,
 * §2.1.1 and §2.1.2), walking the proof from its last element down. It shares no code with
 * {@link Merkle}: the production verifier uses the iterative RFC 9162 bit algorithm instead.
 */
final class MinimalMerkleVerifier {
    private MinimalMerkleVerifier() {
    }

    static byte[] sha(byte prefix, byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(prefix);
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static byte[] leaf(byte[] data) {
        return sha((byte) 0, data);
    }

    static int split(long n) {
        int k = 1;
        while (k * 2L < n) {
            k *= 2;
        }
        return k;
    }

    /** MTH over raw entries, straight from the definition. */
    static byte[] root(List<byte[]> entries) {
        if (entries.isEmpty()) {
            try {
                return MessageDigest.getInstance("SHA-256").digest();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        if (entries.size() == 1) {
            return leaf(entries.get(0));
        }
        int k = split(entries.size());
        return sha((byte) 1, root(entries.subList(0, k)), root(entries.subList(k, entries.size())));
    }

    static boolean inclusion(byte[] entry, long m, long n, List<byte[]> path, byte[] root) {
        if (m < 0 || m >= n) {
            return false;
        }
        Deque<byte[]> p = new ArrayDeque<>(path);
        byte[] got;
        try {
            got = up(leaf(entry), m, n, p);
        } catch (IllegalStateException e) {
            return false;
        }
        return p.isEmpty() && Arrays.equals(got, root);
    }

    private static byte[] up(byte[] leaf, long m, long n, Deque<byte[]> p) {
        if (n == 1) {
            return leaf;
        }
        if (p.isEmpty()) {
            throw new IllegalStateException("proof too short");
        }
        byte[] sibling = p.removeLast();
        int k = split(n);
        return m < k ? sha((byte) 1, up(leaf, m, k, p), sibling) : sha((byte) 1, sibling, up(leaf, m - k, n - k, p));
    }

    static boolean consistency(long m, byte[] oldRoot, long n, byte[] newRoot, List<byte[]> proof) {
        if (m == n) {
            return proof.isEmpty() && Arrays.equals(oldRoot, newRoot);
        }
        if (m == 0 || m > n) {
            return m == 0 && proof.isEmpty();
        }
        Deque<byte[]> p = new ArrayDeque<>(proof);
        byte[][] pair;
        try {
            pair = sub(m, n, true, oldRoot, p);
        } catch (IllegalStateException e) {
            return false;
        }
        return p.isEmpty() && Arrays.equals(pair[0], oldRoot) && Arrays.equals(pair[1], newRoot);
    }

    /** Returns {old subtree root, new subtree root} for SUBPROOF(m, D[n], b). */
    private static byte[][] sub(long m, long n, boolean b, byte[] oldRoot, Deque<byte[]> p) {
        if (m == n) {
            if (b) {
                return new byte[][] {oldRoot, oldRoot};
            }
            byte[] h = take(p);
            return new byte[][] {h, h};
        }
        int k = split(n);
        byte[] sibling = take(p);
        if (m <= k) {
            byte[][] left = sub(m, k, b, oldRoot, p);
            return new byte[][] {left[0], sha((byte) 1, left[1], sibling)};
        }
        byte[][] right = sub(m - k, n - k, false, oldRoot, p);
        return new byte[][] {sha((byte) 1, sibling, right[0]), sha((byte) 1, sibling, right[1])};
    }

    private static byte[] take(Deque<byte[]> p) {
        if (p.isEmpty()) {
            throw new IllegalStateException("proof too short");
        }
        return p.removeLast();
    }
}
