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

/**
 * Serialises writers across processes sharing one home. The lock is an OS advisory lock, so a
 * killed process releases it; the file's content (our pid) only serves the error message.
 */
public final class HomeLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static HomeLock acquire(Path lockFile) {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            PrivateFiles.restrictFile(lockFile);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                String holder = readHolder(ch);
                ch.close();
                throw new MemosException(ErrorKind.FAILURE, "another memos process" + holder + " is using "
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
