package dev.memos.audit;

import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

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

    /** The last {@code n} entries, oldest first: only those n are kept and decoded. */
    public static List<AuditEntry> tail(Path dir, int n) {
        Path file = dir.resolve(AuditLogs.LOG_FILE);
        if (n <= 0 || !Files.isRegularFile(file)) {
            return List.of();
        }
        ArrayDeque<byte[]> last = new ArrayDeque<>(n);
        long count = 0;
        try (RecordReader r = RecordReader.open(file, 0)) {
            for (RecordReader.Status st = r.next(); st != RecordReader.Status.END && st != RecordReader.Status.TORN; st = r.next()) {
                if (st == RecordReader.Status.CORRUPT) {
                    throw new AuditIntegrityException(count, "entry " + count + " of " + file + " is damaged: run 'memos audit verify'");
                }
                if (last.size() == n) {
                    last.removeFirst();
                }
                last.addLast(r.entryCopy());
                count++;
            }
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<AuditEntry> out = new ArrayList<>(last.size());
        long index = count - last.size();
        for (byte[] raw : last) {
            out.add(decode(raw, index++, file));
        }
        return out;
    }

    /** Entries matching {@code query}; the header is checked first so only matches are fully decoded. */
    public static List<AuditEntry> query(Path dir, AuditQuery query) {
        Path file = dir.resolve(AuditLogs.LOG_FILE);
        List<AuditEntry> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        long i = 0;
        try (RecordReader r = RecordReader.open(file, 0)) {
            for (RecordReader.Status st = r.next(); st != RecordReader.Status.END && st != RecordReader.Status.TORN; st = r.next(), i++) {
                if (st == RecordReader.Status.CORRUPT) {
                    throw new AuditIntegrityException(i, "entry " + i + " of " + file + " is damaged: run 'memos audit verify'");
                }
                AuditEntry.Header h;
                try {
                    h = AuditEntry.Header.of(r.buffer(), r.entryLength());
                } catch (RuntimeException e) {
                    throw new AuditIntegrityException(i, "entry " + i + " of " + file + " cannot be decoded");
                }
                if (query.matches(h.timeMillis(), h.event(), h.identity())) {
                    out.add(decode(r.entryCopy(), i, file));
                }
            }
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + file + ": " + e.getMessage(), e);
        }
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


        /** Starts after the first {@code startIndex} entries (skipped without decoding). */
        public Follower(Path dir, long startIndex) {
            this.file = dir.resolve(AuditLogs.LOG_FILE);
            if (!Files.isRegularFile(file)) {
                return;
            }
            try (RecordReader r = RecordReader.open(file, 0)) {
                offset = RecordReader.MAGIC.length;
                while (index < startIndex && r.next() == RecordReader.Status.RECORD) {
                    index++;
                    offset = r.end();
                }
            } catch (IOException e) {
                throw MemosException.failure("cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        public List<AuditEntry> poll() {
            List<AuditEntry> out = new ArrayList<>();
            if (!Files.isRegularFile(file)) {
                return out;
            }
            try (RecordReader r = RecordReader.open(file, offset)) {
                while (true) {
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
