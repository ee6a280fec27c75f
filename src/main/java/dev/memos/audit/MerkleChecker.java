package dev.memos.audit;

import dev.memos.crypto.Hash;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The verifier's second half on its own thread: leaf hashes, the growing tree, and the comparison with
 * every checkpoint root. The reading thread (framing, order, MAC chain) hands it entries in batches,
 * so the two halves of the work overlap on two cores.
 */
final class MerkleChecker {
    /** What the tree side found: entries hashed, final root, the first root mismatch, the next size not reached. */
    record Result(long count, byte[] root, AuditIntegrityException error, long missingSize) {
    }

    private static final int BATCH_ENTRIES = 4096;
    private static final Batch END = new Batch(0);

    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(8);
    private final TreeMap<Long, byte[]> roots;
    private final FutureTask<Result> task;
    private Batch current = new Batch(BATCH_ENTRIES * 160);

    private static final class Batch {
        byte[] data;
        final int[] ends = new int[BATCH_ENTRIES];
        int n;

        Batch(int bytes) {
            data = new byte[bytes];
        }

        int used() {
            return n == 0 ? 0 : ends[n - 1];
        }

        void add(byte[] buf, int len) {
            int start = used();
            if (start + len > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, start + len));
            }
            System.arraycopy(buf, 0, data, start, len);
            ends[n++] = start + len;
        }
    }

    MerkleChecker(TreeMap<Long, byte[]> roots) {
        this.roots = roots;
        this.task = new FutureTask<>(this::run);
        Thread t = new Thread(task, "memos-audit-merkle");
        t.setDaemon(true);
        t.start();
    }

    /** Queues one entry (copied). */
    void add(byte[] buf, int len) {
        current.add(buf, len);
        if (current.n == BATCH_ENTRIES) {
            put(current);
            current = new Batch(current.data.length);
        }
    }

    /** Sends what is left and waits for the tree side's result. Always call it, also after a failure. */
    Result finish() {
        if (current.n > 0) {
            put(current);
        }
        put(END);
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MemosException(ErrorKind.INTERRUPTED, "audit verification interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("audit Merkle check failed", e.getCause());
        }
    }

    private void put(Batch b) {
        try {
            queue.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MemosException(ErrorKind.INTERRUPTED, "audit verification interrupted", e);
        }
    }

    private Result run() throws InterruptedException {
        Hash md = Hash.sha256();
        Merkle.CompactRange tree = new Merkle.CompactRange();
        Map.Entry<Long, byte[]> target = roots.ceilingEntry(1L);
        long i = 0;
        long lastChecked = 0;
        AuditIntegrityException error = null;
        for (Batch b = queue.take(); b != END; b = queue.take()) {
            int start = 0;
            for (int k = 0; k < b.n && error == null; k++) {
                md.update((byte) 0);
                md.update(b.data, start, b.ends[k] - start);
                start = b.ends[k];
                tree.append(md.digest());
                i++;
                if (target != null && target.getKey() == i) {
                    if (!Hash.equal(tree.root(), target.getValue())) {
                        error = new AuditIntegrityException(lastChecked, "entries " + lastChecked + ".." + (i - 1)
                                + " do not match the signed checkpoint of size " + i + ": they were rewritten (first bad index "
                                + lastChecked + ")");
                    }
                    lastChecked = i;
                    target = roots.higherEntry(i);
                }
            }
            // after an error keep draining, so the reading thread never blocks on a full queue
        }
        return new Result(i, tree.root(), error, target == null ? -1 : target.getKey());
    }
}
