package dev.memos.snapshot;

import dev.memos.error.MemosException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Writes a restore's files on all cores: reading, opening (ChaCha20-Poly1305, zstd, chunk-id HMAC)
 * and writing one file is independent of every other. Each thread keeps its own PackReaders, since
 * a reader holds a Mac, which is not thread-safe. The pool is drained before any error is thrown,
 * so the caller's abort never races a thread still writing into the staging folder.
 */
final class RestoreWorkers {
    static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    record Totals(long files, long bytes, int packsRead) {
    }

    private RestoreWorkers() {
    }

    /** Writes every file entry (their folders exist already) and applies {@code setMeta} to each. */
    static Totals writeFiles(SnapshotKeys keys, Repository repo, Snapshot s, List<TreeEntry> files, Path staging,
            BiConsumer<Path, TreeEntry> setMeta) throws IOException {
        ThreadLocal<Map<String, PackReader>> readers = ThreadLocal.withInitial(HashMap::new);
        Set<String> packs = ConcurrentHashMap.newKeySet();
        AtomicLong bytes = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "memos-restore");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> pending = new ArrayList<>();
        try {
            for (TreeEntry e : files) {
                pending.add(pool.submit(() -> {
                    Path target = staging.resolve(e.path());
                    try (OutputStream os = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                        for (String id : e.chunks()) {
                            BlobRef ref = s.index().get(id);
                            PackReader r = readers.get().computeIfAbsent(ref.packId(),
                                    pid -> PackReader.open(keys, pid, repo.readPackRange(pid, 0, ObjectHeader.LENGTH)));
                            packs.add(ref.packId());
                            byte[] chunk = r.openBlob(ref, repo.readPackRange(ref.packId(), ref.offset(), ref.length()), 0);
                            os.write(chunk);
                            bytes.addAndGet(chunk.length);
                        }
                    }
                    setMeta.accept(target, e);
                    return null;
                }));
            }
            for (Future<?> f : pending) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MemosException.failure("restore interrupted", e);
        } finally {
            pool.shutdownNow();
            drain(pool);
        }
        return new Totals(files.size(), bytes.get(), packs.size());
    }

    private static void drain(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                // a worker blocked in I/O: keep waiting, the staging folder must not be removed under it
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RuntimeException rethrow(Throwable t) throws IOException {
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof UncheckedIOException u) {
            throw u.getCause();
        }
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return MemosException.failure("restore failed: " + t, t);
    }
}
