package dev.memos.audit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Streams the framed records of an audit log file (FORMAT.md §12.3): header, then per record
 * u32 length | entry | mac (32) | u32 CRC-32C of the three. One reusable buffer, no per-record
 * allocation, so a million records stream in well under a second.
 */
final class RecordReader implements AutoCloseable {
    static final byte[] MAGIC = "memos-audit-v1\n".getBytes(StandardCharsets.US_ASCII);
    static final int MAC_LEN = 32;
    static final int MAX_ENTRY = 1 + 8 + 8 + 2 + 0xFFFF + 2 + 0xFFFF + 4 + AuditEntry.MAX_DETAILS_BYTES;
    static final int OVERHEAD = 4 + MAC_LEN + 4;

    /** What {@link #next()} found. */
    enum Status {
        /** A complete record with a good CRC. */
        RECORD,
        /** Clean end of file on a record boundary. */
        END,
        /** The file ends inside a record: an append in flight when a process died. */
        TORN,
        /** A complete record whose CRC or length field is wrong: damage or tamper, never a crash. */
        CORRUPT
    }

    private final InputStream in;
    private final CRC32C crc = new CRC32C();
    private byte[] buf = new byte[4096];
    private final byte[] mac = new byte[MAC_LEN];
    private int entryLength;
    private long offset;
    private long nextOffset;

    private RecordReader(InputStream in, long offset) {
        this.in = in;
        this.offset = offset;
        this.nextOffset = offset;
    }

    /** Opens at {@code startOffset}; 0 means the start of the file, whose header is checked. */
    static RecordReader open(Path file, long startOffset) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            InputStream in = new BufferedInputStream(Channels.newInputStream(ch.position(Math.max(startOffset, 0))), 1 << 20);
            if (startOffset == 0) {
                byte[] head = in.readNBytes(MAGIC.length);
                if (!Arrays.equals(head, MAGIC)) {
                    in.close();
                    throw new IOException(file + " is not a memos audit log (bad header)");
                }
                return new RecordReader(in, MAGIC.length);
            }
            return new RecordReader(in, startOffset);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    Status next() throws IOException {
        offset = nextOffset;
        byte[] lenBytes = new byte[4];
        int got = in.readNBytes(lenBytes, 0, 4);
        if (got == 0) {
            return Status.END;
        }
        if (got < 4) {
            return Status.TORN;
        }
        int len = ((lenBytes[0] & 0xFF) << 24) | ((lenBytes[1] & 0xFF) << 16) | ((lenBytes[2] & 0xFF) << 8) | (lenBytes[3] & 0xFF);
        if (len < 1 + 8 + 8 + 2 + 2 + 4 || len > MAX_ENTRY) {
            // A wild length is damage, unless the rest of the file is too short to hold any record.
            return in.available() == 0 && in.read() == -1 ? Status.TORN : Status.CORRUPT;
        }
        if (buf.length < len) {
            buf = new byte[Math.max(len, buf.length * 2)];
        }
        if (in.readNBytes(buf, 0, len) < len || in.readNBytes(mac, 0, MAC_LEN) < MAC_LEN) {
            return Status.TORN;
        }
        byte[] crcBytes = new byte[4];
        if (in.readNBytes(crcBytes, 0, 4) < 4) {
            return Status.TORN;
        }
        crc.reset();
        crc.update(lenBytes, 0, 4);
        crc.update(buf, 0, len);
        crc.update(mac, 0, MAC_LEN);
        int want = ((crcBytes[0] & 0xFF) << 24) | ((crcBytes[1] & 0xFF) << 16) | ((crcBytes[2] & 0xFF) << 8) | (crcBytes[3] & 0xFF);
        entryLength = len;
        nextOffset = offset + OVERHEAD + len;
        return (int) crc.getValue() == want ? Status.RECORD : Status.CORRUPT;
    }

    /** The entry bytes live in {@code buffer()[0, entryLength())}, valid until the next call. */
    byte[] buffer() {
        return buf;
    }

    int entryLength() {
        return entryLength;
    }

    byte[] entryCopy() {
        return Arrays.copyOf(buf, entryLength);
    }

    byte[] mac() {
        return mac;
    }

    /** File offset where the current record starts. */
    long offset() {
        return offset;
    }

    /** File offset just past the current record (where the next one starts). */
    long end() {
        return nextOffset;
    }

    /** Frames one record into {@code out} (writer side; the reader's exact inverse). */
    static void frame(java.io.ByteArrayOutputStream out, byte[] entry, byte[] mac, CRC32C crc) {
        byte[] len = {(byte) (entry.length >>> 24), (byte) (entry.length >>> 16), (byte) (entry.length >>> 8), (byte) entry.length};
        crc.reset();
        crc.update(len, 0, 4);
        crc.update(entry, 0, entry.length);
        crc.update(mac, 0, mac.length);
        int c = (int) crc.getValue();
        out.write(len, 0, 4);
        out.write(entry, 0, entry.length);
        out.write(mac, 0, mac.length);
        out.write(new byte[] {(byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c}, 0, 4);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Header written to a temporary file and hard-linked into place: creation is atomic and never clobbers. */
    static void createIfAbsent(Path dir, Path logFile) throws IOException {
        if (Files.exists(logFile)) {
            return;
        }
        Path tmp = dev.memos.store.AtomicFile.createTemp(dir, AuditLogs.LOG_FILE);
        try {
            try (FileChannel t = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                t.write(ByteBuffer.wrap(MAGIC));
                t.force(true);
            }
            try {
                Files.createLink(logFile, tmp);
            } catch (FileAlreadyExistsException raced) {
                // another process created it first: theirs is as good as ours
            } catch (UnsupportedOperationException e) {
                Files.move(tmp, logFile);
            }
            dev.memos.store.AtomicFile.fsyncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
