package dev.memos.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded hand-over of byte blocks between two threads, so compression (or decompression) runs
 * on one core while encryption (or decryption) runs on the other. Memory is capped at
 * {@code depth} blocks. A failure on either side is seen by the other side as an IOException
 * instead of a hang.
 */
final class BlockPipe {
    private static final byte[] EOF = new byte[0];
    private final BlockingQueue<byte[]> queue;
    // Emptied blocks go back to the producer: a pack then allocates depth + 2 blocks in all instead
    // of one per 256 KiB, which keeps the heap (and the RSS of a multi-GB pack) small and flat.
    private final BlockingQueue<byte[]> free;
    private final int blockSize;
    private volatile Throwable producerFailure;
    private volatile boolean consumerGone;

    BlockPipe(int blockSize, int depth) {
        this.blockSize = blockSize;
        this.queue = new ArrayBlockingQueue<>(depth);
        this.free = new ArrayBlockingQueue<>(depth + 2);
    }

    /** Called by the producer thread when it fails, so the consumer stops with the cause. */
    void fail(Throwable t) {
        producerFailure = t;
        queue.offer(EOF);
    }

    /** Called by the consumer when it stops early, so a blocked producer gives up. */
    void abandon() {
        consumerGone = true;
        queue.clear();
    }

    OutputStream output() {
        return new OutputStream() {
            private byte[] buf = new byte[blockSize];
            private int n;
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                while (len > 0) {
                    int k = Math.min(len, buf.length - n);
                    System.arraycopy(b, off, buf, n, k);
                    n += k;
                    off += k;
                    len -= k;
                    if (n == buf.length) {
                        put(buf);
                        byte[] recycled = free.poll();
                        buf = recycled != null ? recycled : new byte[blockSize];
                        n = 0;
                    }
                }
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                if (n > 0) {
                    put(java.util.Arrays.copyOf(buf, n));
                }
                put(EOF);
            }
        };
    }

    private void put(byte[] block) throws IOException {
        try {
            while (!queue.offer(block, 100, TimeUnit.MILLISECONDS)) {
                if (consumerGone) {
                    throw new IOException("the reading side stopped");
                }
            }
            if (consumerGone) {
                throw new IOException("the reading side stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    /** Waits for a pipe's worker thread; an interrupt while waiting ends the command as interrupted. */
    static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.memos.error.MemosException(dev.memos.error.ErrorKind.INTERRUPTED, "interrupted");
        }
    }

    InputStream input() {
        return new InputStream() {
            private byte[] cur = new byte[0];
            private int pos;
            private boolean eof;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                while (pos == cur.length) {
                    if (eof) {
                        return -1;
                    }
                    try {
                        byte[] next = queue.poll(100, TimeUnit.MILLISECONDS);
                        if (next == null) {
                            if (producerFailure != null) {
                                throw new IOException("the writing side failed", producerFailure);
                            }
                            continue;
                        }
                        if (cur.length == blockSize) {
                            free.offer(cur);
                        }
                        cur = next;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted");
                    }
                    pos = 0;
                    if (cur == EOF) {
                        eof = true;
                        if (producerFailure != null) {
                            throw new IOException("the writing side failed", producerFailure);
                        }
                    }
                }
                int k = Math.min(len, cur.length - pos);
                System.arraycopy(cur, pos, b, off, k);
                pos += k;
                return k;
            }
        };
    }
}
