package dev.memos.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/** The attacker's view of a log file: its framed records as editable byte arrays. */
final class RawLog {
    final List<byte[]> records = new ArrayList<>();
    private final Path file;

    private RawLog(Path file) {
        this.file = file;
    }

    static RawLog read(Path dir) throws IOException {
        RawLog raw = new RawLog(dir.resolve(AuditLogs.LOG_FILE));
        byte[] all = Files.readAllBytes(raw.file);
        int pos = RecordReader.MAGIC.length;
        while (pos < all.length) {
            int len = ByteBuffer.wrap(all, pos, 4).getInt();
            int total = 4 + len + 32 + 4;
            raw.records.add(Arrays.copyOfRange(all, pos, pos + total));
            pos += total;
        }
        return raw;
    }

    /** Entry bytes of record i. */
    byte[] entry(int i) {
        byte[] r = records.get(i);
        return Arrays.copyOfRange(r, 4, r.length - 36);
    }

    /** Replaces record i's entry, keeping its MAC and fixing the CRC (an attacker can always do that). */
    void replaceEntry(int i, byte[] entry) {
        byte[] r = records.get(i);
        byte[] mac = Arrays.copyOfRange(r, r.length - 36, r.length - 4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordReader.frame(out, entry, mac, new CRC32C());
        records.set(i, out.toByteArray());
    }

    void write() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(RecordReader.MAGIC);
        for (byte[] r : records) {
            out.write(r);
        }
        Files.write(file, out.toByteArray());
        Files.deleteIfExists(file.resolveSibling(AuditLogs.STATE_FILE));
    }
}
