package dev.memos.arweave;

import dev.memos.error.MemosException;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One devnet bundle post at a time per node on this machine: arlocal loses bundled items when bundle
 * posts overlap (see {@link DevnetBundleUploader}). Every
 * home shares the node, so the lock is a file in the temp folder named after the node's host and port,
 * not a file in a home. It waits without a bound on purpose: the holder's upload is bounded by its
 * own retries and item wait, and the OS drops the lock when the holder dies.
 */
final class DevnetLock implements AutoCloseable {
    /** A JVM may hold one OS lock per file: threads of one process (parallel MCP calls) queue here first. */
    private static final Map<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();
    private final ReentrantLock jvmLock;
    private final FileChannel channel;
    private final FileLock lock;

    private DevnetLock(ReentrantLock jvmLock, FileChannel channel, FileLock lock) {
        this.jvmLock = jvmLock;
        this.channel = channel;
        this.lock = lock;
    }

    static Path file(URI node) {
        String name = "memos-devnet-" + node.getHost().replaceAll("[^A-Za-z0-9.-]", "_") + "-" + node.getPort() + ".lock";
        return Path.of(System.getProperty("java.io.tmpdir"), name);
    }

    static DevnetLock acquire(URI node) {
        Path f = file(node);
        ReentrantLock jvm = IN_JVM.computeIfAbsent(f, k -> new ReentrantLock());
        jvm.lock();
        FileChannel ch = null;
        try {
            ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new DevnetLock(jvm, ch, ch.lock());
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            jvm.unlock();
            throw MemosException.failure("cannot lock " + f + " for a devnet upload: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it as well
        }
        closeQuietly(channel);
        jvmLock.unlock();
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing was written through it
            }
        }
    }
}
