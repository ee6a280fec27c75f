package dev.memos.audit;

import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads entries for people (tail, query, export). Reading does not verify the MAC chain or
 * checkpoints (that is {@link AuditVerifier}'s job) but refuses damaged framing and stops before a torn tail.
 */
public final class AuditReader {
    private AuditReader() {
    }

    /** Calls {@code sink} for every complete entry with its stored MAC, in order. */
    public static void forEach(Path dir, Sink sink) {
        Path file = dir.resolve(AuditLogs.LOG_FILE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (RecordReader r = RecordReader.open(file, 0)) {
            long i = 0;
            while (true) {
                RecordReader.Status st = r.next();
                if (st == RecordReader.Status.END || st == RecordReader.Status.TORN) {
                    return;
                }
                if (st == RecordReader.Status.CORRUPT) {
                    throw new AuditIntegrityException(i, "entry " + i + " of " + file + " is damaged: run 'memos audit verify'");
                }
                byte[] entry = r.entryCopy();
                sink.accept(decode(entry, i, file), entry, r.mac().clone());
                i++;
            }
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Receives each entry, its encoded bytes and its stored chain MAC. */
    @FunctionalInterface
    public interface Sink {
        void accept(AuditEntry entry, byte[] encoded, byte[] mac);
    }

    public static List<AuditEntry> all(Path dir) {
        List<AuditEntry> out = new ArrayList<>();
        forEach(dir, (e, b, m) -> out.add(e));
        return out;
    }

    /** The last {@code n} entries, oldest first, keeping only n in memory. */
    public static List<AuditEntry> tail(Path dir, int n) {
        ArrayDeque<AuditEntry> last = new ArrayDeque<>(Math.max(n, 1));
        forEach(dir, (e, b, m) -> {
            if (n == 0) {
                return;
            }
            if (last.size() == n) {
                last.removeFirst();
            }
            last.addLast(e);
        });
        return List.copyOf(last);
    }

    public static List<AuditEntry> query(Path dir, AuditQuery query) {
        List<AuditEntry> out = new ArrayList<>();
        forEach(dir, (e, b, m) -> {
            if (query.matches(e)) {
                out.add(e);
            }
        });
        return out;
    }

    static AuditEntry decode(byte[] entry, long i, Path file) {
        try {
            return AuditEntry.decode(entry);
        } catch (IllegalArgumentException ex) {
            throw new AuditIntegrityException(i, "entry " + i + " of " + file + " cannot be decoded (" + ex.getMessage() + ")");
        }
    }

    /**
     * Follows a growing log ({@code audit tail --follow}): each {@link #poll()} returns the complete
     * entries appended since the last call. Polling, not file watching: it works on every file system.
     */
    public static final class Follower {
        private final Path file;
        private long offset;
        private long index;

        public Follower(Path dir, long startIndex) {
            this.file = dir.resolve(AuditLogs.LOG_FILE);
            this.index = 0;
            this.offset = 0;
            skipTo(startIndex);
        }

        private void skipTo(long startIndex) {
            while (index < startIndex && !poll(1).isEmpty()) {
                // advance
            }
        }

        public List<AuditEntry> poll() {
            return poll(Integer.MAX_VALUE);
        }

        private List<AuditEntry> poll(int max) {
            List<AuditEntry> out = new ArrayList<>();
            if (!Files.isRegularFile(file)) {
                return out;
            }
            try (RecordReader r = RecordReader.open(file, offset)) {
                while (out.size() < max) {
                    RecordReader.Status st = r.next();
                    if (st != RecordReader.Status.RECORD) {
                        break;
                    }
                    out.add(decode(r.entryCopy(), index, file));
                    index++;
                    offset = r.end();
                }
                if (offset == 0) {
                    offset = RecordReader.MAGIC.length;
                }
            } catch (IOException e) {
                throw MemosException.failure("cannot read " + file + ": " + e.getMessage(), e);
            }
            return out;
        }
    }
}
