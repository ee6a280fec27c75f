package dev.memos.ring;

import dev.memos.crypto.Hash;
import dev.memos.error.MemosException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ring 3 on disk: one 33-byte record per calendar month (hash of the month's last step, flags),
 * after an 8-byte header {@code "M3" 0x01 0x00 || u32 firstMonth}. Ten years are 8 + 120 * 33 = 3968 bytes.
 */
public final class Archive {
    public static final int RECORD = 33;
    private static final byte[] MAGIC = {'M', '3', 1, 0};

    private final int firstMonth;
    private final List<byte[]> records;

    Archive(int firstMonth, List<byte[]> records) {
        this.firstMonth = firstMonth;
        this.records = new ArrayList<>(records);
    }

    int firstMonth() {
        return firstMonth;
    }

    public int months() {
        return records.size();
    }

    int nextMonth() {
        return firstMonth + records.size();
    }

    byte[] lastHash(int k) {
        return Arrays.copyOf(records.get(k), 32);
    }

    public int flags(int k) {
        return records.get(k)[32] & 0xff;
    }

    void append(byte[] lastStepHash, int flags) {
        byte[] r = Arrays.copyOf(lastStepHash, RECORD);
        r[32] = (byte) flags;
        records.add(r);
    }

    /** {@code r0 = SHA-256("memos-ring3-archive-v1" || 0x00 || id)}, {@code r = SHA-256(r || u32 month || record)}. */
    byte[] root(String id) {
        return rootOf(id, records.size());
    }

    byte[] rootOf(String id, int count) {
        byte[] r = Hash.sha256(Bytes.utf8("memos-ring3-archive-v1\u0000" + id));
        for (int k = 0; k < count; k++) {
            r = Hash.sha256(r, Bytes.u32(firstMonth + k), records.get(k));
        }
        return r;
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(8 + RECORD * records.size()).put(MAGIC).putInt(firstMonth);
        records.forEach(b::put);
        return b.array();
    }

    public static Archive decode(byte[] bytes) {
        if (bytes.length < 8 || (bytes.length - 8) % RECORD != 0 || !Arrays.equals(Arrays.copyOf(bytes, 4), MAGIC)) {
            throw MemosException.integrity("the ring-3 archive is malformed: restore the rings folder from a backup");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 4, bytes.length - 4);
        int first = b.getInt();
        List<byte[]> recs = new ArrayList<>();
        while (b.hasRemaining()) {
            byte[] r = new byte[RECORD];
            b.get(r);
            recs.add(r);
        }
        return new Archive(first, recs);
    }
}
