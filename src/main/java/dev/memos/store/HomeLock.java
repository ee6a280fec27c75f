package dev.memos.store;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises the read-modify-write of one store across processes sharing a home (and across threads
 * of one process). The lock is an OS advisory lock, so a killed process releases it; the file's
 * content (the holder's pid) only serves the error message.
 *
 * <p>A caller that finds the lock taken waits, polling, up to a bound ({@link #defaultWait()}: 30 s,
 * or {@code MEMOS_LOCK_TIMEOUT} seconds), then fails with {@link ErrorKind#BUSY} naming the lock and
 * the holder's pid; nothing has changed at that point. {@link #reentrant} lets a locked operation
 * call another one that locks the same store on the same thread; {@link #acquire} refuses that at
 * once, because a second holder in one thread (e.g. two replay caches kept open) would not be excluded.
 */
public final class HomeLock implements AutoCloseable {
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    /** Environment variable overriding the wait bound, in whole seconds (0 = fail at once). */
    public static final String TIMEOUT_ENV = "MEMOS_LOCK_TIMEOUT";
    private static final ConcurrentHashMap<Path, Held> HELD = new ConcurrentHashMap<>();

    /** The per-file state of this JVM: threads queue on {@code jvm}; the first holder owns the OS lock. */
    private static final class Held {
        final ReentrantLock jvm = new ReentrantLock();
        FileChannel channel;
        FileLock lock;
    }

    private final Held held;
    private boolean closed;

    private HomeLock(Held held) {
        this.held = held;
    }

    /** The wait bound: {@code MEMOS_LOCK_TIMEOUT} seconds when set to a valid number, else {@link #DEFAULT_WAIT}. */
    public static Duration defaultWait() {
        String v = System.getenv(TIMEOUT_ENV);
        if (v != null && v.strip().matches("\\d{1,5}")) {
            return Duration.ofSeconds(Long.parseLong(v.strip()));
        }
        return DEFAULT_WAIT;
    }

    /** Takes the lock, waiting up to {@link #defaultWait()}. */
    public static HomeLock acquire(Path lockFile) {
        return acquire(lockFile, defaultWait());
    }

    /** Runs {@code action} holding the lock (waiting up to {@link #defaultWait()}). */
    public static <T> T with(Path lockFile, Supplier<T> action) {
        try (HomeLock ignored = acquire(lockFile)) {
            return action.get();
        }
    }

    /** Takes the lock, waiting up to {@code wait}; on timeout throws BUSY naming the lock and its holder. */
    public static HomeLock acquire(Path lockFile, Duration wait) {
        return acquire(lockFile, wait, false);
    }

    /** As {@link #acquire(Path)}, but a thread that already holds the lock takes it again (released by the outermost close). */
    public static HomeLock reentrant(Path lockFile) {
        return acquire(lockFile, defaultWait(), true);
    }

    private static HomeLock acquire(Path lockFile, Duration wait, boolean reentrant) {
        Held h = HELD.computeIfAbsent(lockFile.toAbsolutePath().normalize(), p -> new Held());
        if (!reentrant && h.jvm.isHeldByCurrentThread()) {
            throw MemosException.failure("this process already holds the lock " + lockFile + " (opened twice)", null);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            if (!h.jvm.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(lockFile, " (pid " + ProcessHandle.current().pid() + ", another thread)", wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MemosException(ErrorKind.INTERRUPTED, "interrupted while waiting for the lock " + lockFile);
        }
        if (h.jvm.getHoldCount() > 1) {
            return new HomeLock(h);
        }
        try {
            lockFile(h, lockFile, deadline, wait);
            return new HomeLock(h);
        } catch (RuntimeException e) {
            h.jvm.unlock();
            throw e;
        }
    }

    private static void lockFile(Held h, Path lockFile, long deadline, Duration wait) {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            PrivateFiles.restrictFile(lockFile);
            FileLock lock = poll(ch, lockFile, deadline, wait);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)), 0);
            h.channel = ch;
            h.lock = lock;
        } catch (InterruptedException e) {
            closeQuietly(ch);
            Thread.currentThread().interrupt();
            throw new MemosException(ErrorKind.INTERRUPTED, "interrupted while waiting for the lock " + lockFile);
        } catch (java.nio.channels.OverlappingFileLockException e) {
            // locked in this JVM outside HomeLock (a raw channel lock): waiting would never end
            closeQuietly(ch);
            throw MemosException.failure("this process already holds the lock " + lockFile, e);
        } catch (IOException e) {
            closeQuietly(ch);
            throw MemosException.failure("cannot lock " + lockFile + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    private static FileLock poll(FileChannel ch, Path lockFile, long deadline, Duration wait)
            throws IOException, InterruptedException {
        long pause = 5;
        FileLock lock;
        while ((lock = ch.tryLock()) == null) {
            if (System.nanoTime() - deadline >= 0) {
                throw busy(lockFile, readHolder(ch), wait);
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 100); // short first waits: most critical sections last milliseconds
        }
        return lock;
    }

    private static MemosException busy(Path lockFile, String holder, Duration wait) {
        return new MemosException(ErrorKind.BUSY, "another memos process" + holder + " held the lock " + lockFile
                + " for more than " + wait.toSeconds() + " s: nothing was changed; retry when it has finished (wait bound: "
                + TIMEOUT_ENV + ")");
    }

    private static String readHolder(FileChannel ch) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(32);
            int n = ch.read(buf, 0);
            if (n <= 0) {
                return "";
            }
            String pid = new String(buf.array(), 0, n, StandardCharsets.US_ASCII).strip();
            return pid.matches("\\d{1,10}") ? " (pid " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already failing; the original error is the one to report
            }
        }
    }

    /** Releases one hold; the OS lock goes with the outermost one. Must be called by the thread that acquired. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (held.jvm.getHoldCount() == 1 && held.channel != null) {
                try {
                    held.lock.release();
                    held.channel.close();
                } catch (IOException ignored) {
                    // closing the channel releases the OS lock either way
                }
                held.channel = null;
                held.lock = null;
            }
        } finally {
            held.jvm.unlock();
        }
    }
}
