package dev.memos.arweave;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * ANS-104 binary bundle (Bundle-Format binary, Bundle-Version 2.0.0): 32-byte LE item count, then
 * per item a 32-byte LE byte size and the 32-byte raw id, then the items back to back.
 */
public final class BundleWriter {
    public static final List<Tag> BUNDLE_TAGS = List.of(new Tag("Bundle-Format", "binary"), new Tag("Bundle-Version", "2.0.0"));

    private BundleWriter() {
    }

    /** An item file and its id, as {@link DataItem#write} produced them. */
    public record Entry(Path file, String id) {
    }

    public static void write(List<Entry> items, Path out) throws IOException {
        try (OutputStream o = Files.newOutputStream(out)) {
            o.write(le256(items.size()));
            for (Entry e : items) {
                o.write(le256(Files.size(e.file())));
                o.write(Base64.getUrlDecoder().decode(e.id()));
            }
            for (Entry e : items) {
                try (InputStream in = Files.newInputStream(e.file())) {
                    in.transferTo(o);
                }
            }
        }
    }

    /** A one-item bundle written straight from the signed item and its data file (no item file on disk). */
    public static void writeSingle(DataItem item, Path dataFile, Path out) throws IOException {
        try (OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            o.write(le256(1));
            o.write(le256(item.totalLength()));
            o.write(item.rawId());
            item.writeTo(o, dataFile);
        }
    }

    static byte[] le256(long v) {
        byte[] out = new byte[32];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (v >>> (8 * i));
        }
        return out;
    }
}
