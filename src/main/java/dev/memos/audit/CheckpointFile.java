package dev.memos.audit;

import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The checkpoints file: one canonical-JSON checkpoint per line, append-only, each append fsynced. A
 * last line without its newline is a torn append and is ignored (and cut off by the next append).
 */
final class CheckpointFile {
    private CheckpointFile() {
    }

    static List<Checkpoint> readAll(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Checkpoint> out = new ArrayList<>();
        int start = 0;
        int line = 1;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                try {
                    out.add(Checkpoint.parse(Arrays.copyOfRange(all, start, i)));
                } catch (IllegalArgumentException e) {
                    throw MemosException.integrity(file + " line " + line + " is not a checkpoint (" + e.getMessage()
                            + "): the checkpoints were tampered with; restore them from a backup");
                }
                start = i + 1;
                line++;
            }
        }
        return out;
    }

    /** The newest complete checkpoint, reading only the end of the file. */
    static Optional<Checkpoint> readLast(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            int n = (int) Math.min(size, 16 * 1024);
            ByteBuffer buf = ByteBuffer.allocate(n);
            ch.read(buf, size - n);
            byte[] tail = buf.array();
            int end = lastIndexOf(tail, tail.length - 1);
            if (end < 0) {
                return Optional.empty();
            }
            int start = lastIndexOf(tail, end - 1) + 1;
            if (start == 0 && n < size) {
                return Optional.empty();
            }
            return Optional.of(Checkpoint.parse(Arrays.copyOfRange(tail, start, end)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static void append(Path file, Checkpoint cp) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long end = size;
            if (size > 0) {
                // Cut a torn last line so the new checkpoint starts on a line of its own.
                ByteBuffer last = ByteBuffer.allocate(1);
                ch.read(last, size - 1);
                if (last.get(0) != '\n') {
                    end = completeLength(ch, size);
                    ch.truncate(end);
                }
            }
            byte[] json = cp.toBytes();
            ByteBuffer line = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
            while (line.hasRemaining()) {
                end += ch.write(line, end);
            }
            ch.force(false);
        }
        dev.memos.store.PrivateFiles.restrictFile(file);
    }

    private static long completeLength(FileChannel ch, long size) throws IOException {
        byte[] all = new byte[(int) Math.min(size, Integer.MAX_VALUE - 8)];
        ch.read(ByteBuffer.wrap(all), size - all.length);
        int nl = lastIndexOf(all, all.length - 1);
        return nl < 0 ? size - all.length : size - all.length + nl + 1;
    }

    private static int lastIndexOf(byte[] b, int from) {
        for (int i = from; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
