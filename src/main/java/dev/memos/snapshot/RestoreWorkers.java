package dev.memos.snapshot;

import dev.memos.error.MemosException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Writes a restore's files pack by pack, on all cores. Each needed blob is read once however many
 * files use it, and the blobs of one pack are fetched in a few coalesced ranges (the header with the
 * first blob when they touch), so a restore costs about one request per pack instead of one per blob
 * and reads at most 1/16 more than it needs. Every blob is opened (ChaCha20-Poly1305, zstd, chunk-id
 * check) before a byte of it is written; the chunk then goes to each file position that holds it.
 * The pool is drained before any error is thrown, so the caller's abort never races a thread still
 * writing into the staging folder.
 */
final class RestoreWorkers {
    static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    /** A gap between two needed blobs is read through when it is at most this share of what the range holds. */
    static final int GAP_SHARE = 16;
    /** Files each worker keeps open at once. */
    private static final int OPEN_FILES = 16;

    record Totals(long files, long bytes, int packsRead) {
    }

    /** Where one chunk goes: a file (index into the file list) and the offset in it. */
    private record Target(int file, long position) {
    }

    /** One read: [start, end) of a pack, and the needed blobs in it (in offset order). */
    record Range(long start, long end, List<BlobRef> blobs) {
    }

    private RestoreWorkers() {
    }

    /** Writes every file entry (their folders exist already) and applies {@code setMeta} to each. */
    static Totals writeFiles(SnapshotKeys keys, Repository repo, Snapshot s, List<TreeEntry> files, Path staging,
            BiConsumer<Path, TreeEntry> setMeta) throws IOException {
        Map<String, List<Target>> targets = new HashMap<>();
        Map<String, Map<Long, BlobRef>> packs = new TreeMap<>();
        long bytes = 0;
        for (int i = 0; i < files.size(); i++) {
            TreeEntry e = files.get(i);
            Files.createFile(staging.resolve(e.path()));
            long pos = 0;
            for (String id : e.chunks()) {
                BlobRef ref = s.index().get(id);
                targets.computeIfAbsent(id, k -> new ArrayList<>()).add(new Target(i, pos));
                packs.computeIfAbsent(ref.packId(), k -> new TreeMap<>()).put(ref.offset(), ref);
                pos += ref.rawLength();
            }
            bytes += pos;
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "memos-restore");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> pending = new ArrayList<>();
        try {
            for (Map.Entry<String, Map<Long, BlobRef>> p : packs.entrySet()) {
                pending.add(pool.submit(() -> {
                    restorePack(keys, repo, p.getKey(), plan(p.getValue().values()), targets, files, staging);
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
        // mtimes last: no write may follow them
        for (TreeEntry e : files) {
            setMeta.accept(staging.resolve(e.path()), e);
        }
        return new Totals(files.size(), bytes, packs.size());
    }

    /**
     * The reads for one pack's needed blobs (offset order): the 76-byte header and the blobs, adjacent
     * ones in one range, a gap read through only while it stays within 1/{@link #GAP_SHARE} of the range.
     */
    static List<Range> plan(java.util.Collection<BlobRef> blobs) {
        List<Range> out = new ArrayList<>();
        long start = 0;
        long end = ObjectHeader.LENGTH;
        long useful = ObjectHeader.LENGTH;
        List<BlobRef> in = new ArrayList<>();
        for (BlobRef b : blobs) {
            long gap = b.offset() - end;
            if (gap > useful / GAP_SHARE) {
                out.add(new Range(start, end, in));
                start = b.offset();
                useful = 0;
                in = new ArrayList<>();
            }
            in.add(b);
            end = b.offset() + b.length();
            useful += b.length();
        }
        out.add(new Range(start, end, in));
        return out;
    }

    private static void restorePack(SnapshotKeys keys, Repository repo, String packId, List<Range> ranges,
            Map<String, List<Target>> targets, List<TreeEntry> files, Path staging) throws IOException {
        PackReader reader = null;
        Map<Integer, FileChannel> open = new LinkedHashMap<>();
        try {
            for (Range r : ranges) {
                byte[] data = repo.readPackRange(packId, r.start(), Math.toIntExact(r.end() - r.start()));
                if (reader == null) {
                    // the first range starts at 0 and holds the header: it is checked before any blob
                    reader = PackReader.open(keys, packId, data);
                }
                for (BlobRef b : r.blobs()) {
                    byte[] chunk = reader.openBlob(b, data, Math.toIntExact(b.offset() - r.start()));
                    for (Target t : targets.get(b.chunkId())) {
                        FileChannel ch = open.get(t.file());
                        if (ch == null) {
                            if (open.size() >= OPEN_FILES) {
                                // a pack may hold chunks of thousands of small files: keep few descriptors
                                var eldest = open.entrySet().iterator();
                                eldest.next().getValue().close();
                                eldest.remove();
                            }
                            ch = FileChannel.open(staging.resolve(files.get(t.file()).path()), StandardOpenOption.WRITE);
                            open.put(t.file(), ch);
                        }
                        ByteBuffer buf = ByteBuffer.wrap(chunk);
                        long pos = t.position();
                        while (buf.hasRemaining()) {
                            pos += ch.write(buf, pos);
                        }
                    }
                }
            }
        } finally {
            for (FileChannel ch : open.values()) {
                ch.close();
            }
        }
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
