package dev.memos.token;

import dev.memos.error.MemosException;
import dev.memos.store.HomeLock;
import dev.memos.store.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Nonces grouped by the minute in which they may be forgotten. Dropping a whole bucket is O(1) per
 * minute and never touches live entries, so the cache holds at most the nonces of the last
 * (max TTL + 2 × skew) seconds and never more than {@code maxEntries}. On disk each bucket is
 * {@code <minute>.nonces}: 16-byte records appended as they are accepted; a torn tail from a crash
 * is cut back to whole records on open.
 *
 * <p>Buckets are dropped only in {@link #checkAndRecord}, which the verifier calls after the token's
 * signature verified, and always under the directory lock. Each drop first raises the persisted
 * {@link ReplayMark}; a token whose keepUntil is at or below it is refused ({@link Outcome#WINDOW_PASSED}),
 * so a run with the clock ahead cannot make a used token valid again once the clock is back.
 */
final class BucketedReplayCache implements ReplayCache {
    static final int BUCKET_SECONDS = 60;
    static final int RECORD = 16;
    private static final String SUFFIX = ".nonces";

    private final Path dir;
    private final int maxEntries;
    private final boolean fsync;
    private final HomeLock lock;
    private final TreeMap<Long, Set<Key>> buckets = new TreeMap<>();
    private final Map<Long, FileChannel> files = new HashMap<>();
    private long size;
    private ReplayMark mark = ReplayMark.NONE;

    private record Key(long hi, long lo) {
        static Key of(byte[] b) {
            ByteBuffer bb = ByteBuffer.wrap(b);
            return new Key(bb.getLong(), bb.getLong());
        }
    }

    BucketedReplayCache(Path dir, int maxEntries, boolean fsync) {
        this(dir, maxEntries, fsync, null);
    }

    private BucketedReplayCache(Path dir, int maxEntries, boolean fsync, HomeLock lock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.dir = dir;
        this.maxEntries = maxEntries;
        this.fsync = fsync;
        this.lock = lock;
    }

    static BucketedReplayCache open(Path dir, int maxEntries, boolean fsync) {
        try {
            PrivateFiles.ensureDirectory(dir);
        } catch (IOException e) {
            throw MemosException.failure("cannot create replay cache " + dir + ": " + e.getMessage(), e);
        }
        // Waits (bounded) for another verifier process instead of failing at once; BUSY on timeout.
        HomeLock lock = HomeLock.acquire(dir.resolve(".lock"), HomeLock.defaultWait());
        BucketedReplayCache c = new BucketedReplayCache(dir, maxEntries, fsync, lock);
        try {
            c.load();
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e instanceof MemosException m ? m
                    : MemosException.failure("cannot read replay cache " + dir + ": " + e.getMessage(), e);
        }
        return c;
    }

    /** Reads what is there and drops nothing: opening must not purge (a run may reject its token unverified). */
    private void load() throws IOException {
        mark = ReplayMark.load(dir);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : ds) {
                String name = f.getFileName().toString();
                long bucket;
                try {
                    bucket = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
                } catch (NumberFormatException e) {
                    continue;
                }
                byte[] all = Files.readAllBytes(f);
                int whole = all.length - all.length % RECORD;
                Set<Key> set = buckets.computeIfAbsent(bucket, b -> new HashSet<>());
                for (int off = 0; off < whole; off += RECORD) {
                    if (set.add(Key.of(java.util.Arrays.copyOfRange(all, off, off + RECORD)))) {
                        size++;
                    }
                }
                if (whole != all.length) {
                    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                        ch.truncate(whole);
                    }
                }
            }
        }
    }

    private static boolean expired(long bucket, long now) {
        return (bucket + 1) * BUCKET_SECONDS <= now;
    }

    @Override
    public synchronized Outcome checkAndRecord(byte[] key, long keepUntil, long now) {
        if (key.length != RECORD) {
            throw new IllegalArgumentException("replay keys have 16 bytes");
        }
        if (keepUntil <= mark.purgedThrough()) {
            return Outcome.WINDOW_PASSED;
        }
        prune(now);
        if (keepUntil <= mark.purgedThrough()) {
            return Outcome.WINDOW_PASSED;
        }
        Key k = Key.of(key);
        for (Set<Key> s : buckets.values()) {
            if (s.contains(k)) {
                return Outcome.SEEN;
            }
        }
        if (size >= maxEntries) {
            return Outcome.FULL;
        }
        long bucket = Math.floorDiv(keepUntil, BUCKET_SECONDS);
        if (dir != null) {
            append(bucket, key);
        }
        buckets.computeIfAbsent(bucket, b -> new HashSet<>()).add(k);
        size++;
        return Outcome.FRESH;
    }

    private void prune(long now) {
        long through = mark.purgedThrough();
        for (Long bucket : buckets.keySet()) {
            if (!expired(bucket, now)) {
                break; // TreeMap: every later bucket is younger
            }
            through = Math.max(through, (bucket + 1) * BUCKET_SECONDS - 1);
        }
        if (through == mark.purgedThrough()) {
            return;
        }
        ReplayMark raised = mark.raisedTo(through);
        if (dir != null) {
            raised.save(dir); // the mark is on disk before any nonce it covers is forgotten
        }
        mark = raised;
        for (Iterator<Map.Entry<Long, Set<Key>>> it = buckets.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Set<Key>> e = it.next();
            if (!expired(e.getKey(), now)) {
                break;
            }
            size -= e.getValue().size();
            it.remove();
            if (dir != null) {
                closeQuietly(files.remove(e.getKey()));
                try {
                    Files.deleteIfExists(file(e.getKey()));
                } catch (IOException ignored) {
                    // an undeleted bucket below the mark is harmless: it is dropped on the next purge
                }
            }
        }
    }

    @Override
    public synchronized java.util.OptionalLong clockBehindMark(long now) {
        if (!mark.behindUnreported(now)) {
            return java.util.OptionalLong.empty();
        }
        ReplayMark reported = mark.reported();
        if (dir != null) {
            reported.save(dir);
        }
        mark = reported;
        return java.util.OptionalLong.of(mark.purgedThrough());
    }

    /** The high-water mark of purged buckets (for tests and monitoring). */
    synchronized long purgedThrough() {
        return mark.purgedThrough();
    }

    private void append(long bucket, byte[] key) {
        try {
            FileChannel ch = files.get(bucket);
            if (ch == null) {
                Path f = file(bucket);
                ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                PrivateFiles.restrictFile(f);
                files.put(bucket, ch);
            }
            ByteBuffer buf = ByteBuffer.wrap(key);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            if (fsync) {
                ch.force(false);
            }
        } catch (IOException e) {
            // Not recording would let the token be replayed after a restart: refuse instead.
            throw MemosException.failure("cannot record nonce in " + dir + ": " + e.getMessage(), e);
        }
    }

    private Path file(long bucket) {
        return dir.resolve(bucket + SUFFIX);
    }

    @Override
    public synchronized long size() {
        return size;
    }

    /** Bytes on disk (for the bound tests). */
    synchronized long diskBytes() throws IOException {
        long total = 0;
        if (dir != null) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
                for (Path f : ds) {
                    total += Files.size(f);
                }
            }
        }
        return total;
    }

    @Override
    public synchronized void close() {
        files.values().forEach(BucketedReplayCache::closeQuietly);
        files.clear();
        if (lock != null) {
            lock.close();
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // data already written; close errors change nothing
            }
        }
    }
}
