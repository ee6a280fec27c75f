package dev.memos.ring;

import dev.memos.error.MemosException;
import dev.memos.crypto.CopySeals;
import dev.memos.store.MirroredFile;
import dev.memos.store.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The rollback counter as a small MAC'd text file: {@code memos-ring-counter-v1 <id> <generation> <hmac-hex>}
 * where the HMAC (ring MAC key) covers the first three fields. Editing it by hand is detected.
 */
public final class FileRollbackCounter implements RollbackCounter {
    private static final String MAGIC = "memos-ring-counter-v1";

    private final Path file;
    private final String id;
    private final RingKeys keys;

    public FileRollbackCounter(Path file, String id, RingKeys keys) {
        this.file = file;
        this.id = id;
        this.keys = keys;
    }

    public static Path defaultPath(Path home, String id) {
        return home.resolve("counters").resolve("rings-" + id + ".ctr");
    }

    /**
     * The counter with its verified copy (FORMAT.md §17), sealed with the rings MAC key. No lock of its
     * own: it is read and written only under the rings lock ({@code RingStore}).
     */
    private MirroredFile mirror() {
        return MirroredFile.builder(file).seal(CopySeals.keyed(keys.macKey())).check(this::parse).build();
    }

    @Override
    public long current() {
        Optional<byte[]> content = mirror().read();
        if (content.isEmpty()) {
            return -1;
        }
        try {
            return parse(content.get());
        } catch (IllegalArgumentException e) {
            throw MemosException.integrity(file + " (the rings rollback counter) is unreadable: restore it from a backup of this home");
        }
    }

    private long parse(byte[] content) {
        String[] f = new String(content, StandardCharsets.US_ASCII).strip().split(" ");
        if (f.length != 4 || !f[0].equals(MAGIC) || !f[1].equals(id)
                || !Bytes.same(dev.memos.encoding.Hex.decode(f[3]), mac(Long.parseLong(f[2])))) {
            throw MemosException.integrity(file + " (the rings rollback counter) was altered: restore it from a backup of this home");
        }
        return Long.parseLong(f[2]);
    }

    @Override
    public void advanceTo(long generation) {
        try {
            PrivateFiles.ensureDirectory(file.toAbsolutePath().getParent());
            String line = MAGIC + " " + id + " " + generation + " " + dev.memos.encoding.Hex.encode(mac(generation)) + "\n";
            mirror().write(line.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw RingStore.ioFailure("write the rollback counter " + file, e);
        }
    }

    private byte[] mac(long generation) {
        return keys.mac(Bytes.utf8(MAGIC + "\u0000" + id + "\u0000"), Bytes.u64(generation));
    }
}
