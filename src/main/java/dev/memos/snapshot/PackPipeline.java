package dev.memos.snapshot;

import dev.memos.error.MemosException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The new chunks of a backup, turned into packs (FORMAT.md §14.5) on all cores: the caller's thread
 * chunks and names them, a pool compresses them, and one packer thread seals them in the order they
 * were added, closes packs and stores them. The order is the caller's, so the packs are the same
 * bytes as with one thread ({@code workers <= 1} runs it all inline). Memory is bounded: at most
 * {@link #IN_FLIGHT} bytes of chunks wait between the stages (or one chunk, when larger).
 */
final class PackPipeline implements AutoCloseable {
    static final int IN_FLIGHT = 2 << 20;

    /** What the pipeline stored: every chunk's place, and the cost. */
    record Stored(List<BlobRef> refs, long bytes, int packs) {
    }

    private record Item(byte[] id, int rawLength, Future<byte[]> plain) {
    }

    private static final Item END = new Item(null, 0, null);

    private final SnapshotKeys keys;
    private final Repository repo;
    private final boolean dryRun;
    private final Consumer<String> packStored;
    private final IntFunction<byte[]> salts;
    private final List<BlobRef> refs = new ArrayList<>();
    private final ExecutorService compressors;
    private final Thread packer;
    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final Semaphore budget = new Semaphore(IN_FLIGHT);
    private volatile Throwable failed;
    private PackWriter pack;
    private final java.io.ByteArrayOutputStream buffer = PackWriter.newBuffer();
    private long bytes;
    private int packs;

    /** {@code salts}: the header salt of the n-th pack, or null for a random one (null = all random). */
    PackPipeline(SnapshotKeys keys, Repository repo, boolean dryRun, Consumer<String> packStored, int workers, IntFunction<byte[]> salts) {
        this.keys = keys;
        this.repo = repo;
        this.dryRun = dryRun;
        this.packStored = packStored;
        this.salts = salts;
        if (workers <= 1) {
            compressors = null;
            packer = null;
            return;
        }
        compressors = Executors.newFixedThreadPool(workers, r -> daemon(r, "memos-compress"));
        packer = daemon(this::packLoop, "memos-pack");
        packer.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Adds one new chunk (the pipeline owns {@code chunk} from now on). */
    void add(byte[] id, byte[] chunk) {
        if (packer == null) {
            seal(id, PackWriter.prepare(chunk, 0, chunk.length), chunk.length);
            return;
        }
        int cost = Math.min(chunk.length, IN_FLIGHT);
        try {
            while (!budget.tryAcquire(cost, 100, TimeUnit.MILLISECONDS)) {
                check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MemosException.failure("backup interrupted", e);
        }
        check();
        queue.add(new Item(id, chunk.length, compressors.submit(() -> PackWriter.prepare(chunk, 0, chunk.length))));
    }

    private void check() {
        Throwable t = failed;
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw MemosException.failure("backup failed: " + t, t);
        }
    }

    private void packLoop() {
        try {
            for (Item it = queue.take(); it != END; it = queue.take()) {
                byte[] plain = it.plain().get();
                seal(it.id(), plain, it.rawLength());
                budget.release(Math.min(it.rawLength(), IN_FLIGHT));
            }
            flush();
        } catch (ExecutionException e) {
            failed = e.getCause();
        } catch (InterruptedException e) {
            failed = MemosException.failure("backup interrupted", e);
        } catch (RuntimeException | Error e) {
            failed = e;
        }
    }

    private void seal(byte[] id, byte[] plain, int rawLength) {
        if (pack == null) {
            pack = new PackWriter(keys, salts == null ? null : salts.apply(packs), buffer);
        }
        pack.addPrepared(id, plain, rawLength);
        if (pack.isFull()) {
            flush();
        }
    }

    private void flush() {
        if (pack == null || pack.isEmpty()) {
            return;
        }
        PackWriter.Pack done = pack.finish();
        pack = null;
        if (!dryRun) {
            repo.putPack(done.id(), done.bytes());
            packStored.accept(done.id());
        }
        refs.addAll(done.blobs());
        bytes += done.bytes().length;
        packs++;
    }

    /** Seals and stores what is left; returns where every chunk went. */
    Stored finish() {
        if (packer == null) {
            flush();
        } else {
            queue.add(END);
            try {
                packer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw MemosException.failure("backup interrupted", e);
            }
            check();
        }
        return new Stored(List.copyOf(refs), bytes, packs);
    }

    /** Stops the threads (after finish, or when the backup failed). */
    @Override
    public void close() {
        if (packer == null) {
            return;
        }
        compressors.shutdownNow();
        packer.interrupt();
        try {
            packer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
