package dev.memos.store;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Serialises writers across processes sharing one home. The lock is an OS advisory lock, so a
 * killed process releases it; the file's content (our pid) only serves the error message.
 */
public final class HomeLock implements AutoCloseable {
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    /** Environment variable overriding the wait bound, in whole seconds (0 = fail at once). */
    public static final String TIMEOUT_ENV = "MEMOS_LOCK_TIMEOUT";
    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The wait bound: {@code MEMOS_LOCK_TIMEOUT} seconds when set to a valid number, else {@link #DEFAULT_WAIT}. */
    public static Duration defaultWait() {
        String v = System.getenv(TIMEOUT_ENV);
        if (v != null && v.strip().matches("\\d{1,5}")) {
            return Duration.ofSeconds(Long.parseLong(v.strip()));
        }
        return DEFAULT_WAIT;
    }

    /**
     * Takes the lock, polling while another process holds it, up to {@code wait}; then fails with
     * {@link ErrorKind#BUSY} naming the lock and its holder. Nothing has changed at that point.
     */
    public static HomeLock acquire(Path lockFile, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = 5;
        while (true) {
            try {
                return acquire(lockFile);
            } catch (Busy e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new MemosException(ErrorKind.BUSY, "another memos process" + e.holder + " held the lock "
                            + lockFile + " for more than " + wait.toSeconds() + " s: nothing was changed; retry when it has"
                            + " finished (wait bound: " + TIMEOUT_ENV + ")");
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new MemosException(ErrorKind.INTERRUPTED, "interrupted while waiting for the lock " + lockFile);
            }
            pause = Math.min(pause * 2, 100); // short first waits: most critical sections last milliseconds
        }
    }

    /** Held by another process right now (a subtype, so callers of {@link #acquire(Path)} see no change). */
    private static final class Busy extends MemosException {
        final String holder;

        Busy(String holder, String message) {
            super(ErrorKind.FAILURE, message);
            this.holder = holder;
        }
    }

    /** Takes the lock or fails at once if another process holds it. */
    public static HomeLock acquire(Path lockFile) {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            PrivateFiles.restrictFile(lockFile);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                String holder = readHolder(ch);
                ch.close();
                throw new Busy(holder, "another memos process" + holder + " is using "
                        + lockFile.getParent() + ": wait for it to finish, or use another MEMOS_HOME");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)), 0);
            return new HomeLock(ch, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(ch);
            throw new MemosException(ErrorKind.FAILURE, "this process already holds the lock on " + lockFile.getParent());
        } catch (IOException e) {
            closeQuietly(ch);
            throw MemosException.failure("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
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

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the OS lock either way
        }
    }
}
