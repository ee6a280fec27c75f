package dev.memos.backup;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.store.TempFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One restored file being written. Blocks of zeros are skipped rather than written, so a sparse
 * file comes back with its holes where the file system supports them (a 3 GB sparse file no
 * longer takes 3 GB of disk); the content read back is the same either way. A failure to write is
 * the destination's fault, never the bundle's: it is reported as such ({@link #failure}), so a good
 * backup is never called damaged because a disk is full.
 */
final class DestinationFile implements AutoCloseable {
    /** The usual file-system block: a run of zeros this long and aligned like it can be a hole. */
    static final int BLOCK = 4096;
    private static final byte[] ZEROS = new byte[BLOCK];

    private final Path path;
    private final FileChannel channel;
    private long position;

    private DestinationFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Creates the file; it must not exist (a name is never written twice). */
    static DestinationFile create(Path path) {
        checkNotStopping();
        try {
            return new DestinationFile(path, FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    /** Appends bytes, leaving every whole aligned block of zeros unwritten (a hole). */
    void write(byte[] b, int off, int len) {
        try {
            int runStart = off;
            long runPos = position;
            int end = off + len;
            int i = off;
            while (i < end) {
                int k = (int) Math.min(end - i, BLOCK - (position % BLOCK));
                if (k == BLOCK && Arrays.equals(b, i, i + k, ZEROS, 0, k)) {
                    writeFully(b, runStart, i - runStart, runPos);
                    runStart = i + k;
                    runPos = position + k;
                }
                i += k;
                position += k;
            }
            writeFully(b, runStart, end - runStart, runPos);
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    private void writeFully(byte[] b, int off, int len, long at) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) {
            channel.write(buf, at + buf.position() - off);
        }
    }

    /** Gives the file its full length when it ends in a hole; then closes it. */
    @Override
    public void close() {
        try (FileChannel c = channel) {
            if (c.size() < position) {
                c.write(ByteBuffer.wrap(new byte[1]), position - 1);
            }
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    /** Once the JVM is stopping (SIGINT, SIGTERM) nothing new is created: the exit hook is deleting the staging folder. */
    static void checkNotStopping() {
        if (TempFiles.stopping()) {
            throw new MemosException(ErrorKind.INTERRUPTED, "interrupted: the partial restore was deleted; nothing was changed");
        }
    }

    /**
     * A local write failure as the user can act on it: a full disk or quota is "no space on the
     * destination", anything else names the file and the system's reason. Exit 1 (local I/O),
     * never 4: nothing says the bundle is bad.
     */
    static MemosException failure(Path path, IOException e) {
        String why = String.valueOf(e.getMessage());
        if (why.contains("No space left on device") || why.contains("Disk quota exceeded")) {
            return MemosException.failure("no space on the destination (" + why.strip() + " while writing " + path
                    + "): free some space or restore elsewhere; the bundle is fine and nothing was changed", e);
        }
        return MemosException.failure("cannot write " + path + " (" + why.strip() + "): the bundle is fine; nothing was changed", e);
    }
}
